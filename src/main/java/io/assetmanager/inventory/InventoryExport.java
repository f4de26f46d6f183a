package io.assetmanager.inventory;

import io.assetmanager.platform.CsvCells;
import io.assetmanager.net.IpAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The inventory as CSV (the upload's columns plus source and times), in address order, written page by page
 * (keyset pages of {@value #PAGE} rows), so an export of any size needs neither a held cursor nor much memory.
 */
@ApplicationScoped
public class InventoryExport {

    public static final String MEDIA_TYPE = "text/csv";
    static final int PAGE = 10_000;

    @Inject
    private InventoryRepository queries;

    public void write(HostFilter filter, Writer out) throws IOException {
        CsvCells.row(out, "ip", "hostname", "mac", "zone", "source", "first_seen", "last_seen");
        IpAddress after = null;
        while (true) {
            List<HostRow> page = queries.page(filter, HostSort.IP_ASC, after, 0, PAGE);
            for (HostRow host : page) {
                CsvCells.row(out, host.getIp(), host.getHostname(), host.getMac(), host.getZone(), host.getSource(),
                        text(host.getFirstSeen()), text(host.getLastSeen()));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = IpAddress.parse(page.get(page.size() - 1).getIp());
        }
        out.flush();
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
