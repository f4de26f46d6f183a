package io.assetmanager.coverage;

import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.CsvCells;
import io.assetmanager.platform.Times;
import io.assetmanager.sets.SetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV exports of coverage sets, written by {@link CsvCells}: an attacker-controlled host name or OS string cannot
 * run as a formula in the reader's spreadsheet.
 */
public final class CoverageCsv {

    static final List<String> HOST_HEADER = List.of("IP", "Hostname", "MAC", "First seen", "Last seen", "Source",
            "Qualys host ID", "DNS", "NetBIOS", "OS", "Tracking method", "Last scan");
    /** The column the "Not scanned" list adds after the IP. */
    static final String REASON_HEADER = "Reason";
    static final List<String> RANGE_HEADER = List.of("First IP", "Last IP", "Addresses");

    private CoverageCsv() {
    }

    /**
     * Writes the whole set with the request's filters (no paging): hosts streamed from the database, or ranges.
     * Call {@link CoverageRepository#check} first to refuse a bad request before anything is written.
     */
    public static void write(CoverageRepository queries, SetSpec spec, ListRequest request, Writer out)
            throws IOException {
        if (spec.rowKind() == SetSpec.RowKind.ADDRESS_RANGES) {
            writeRanges(queries.addressRanges(spec, request.range()), out);
        } else {
            writeHosts(queries, spec, request, out);
        }
    }

    /** Streams every host of the set (filters and order of the request, no paging) from the database. */
    public static void writeHosts(CoverageRepository queries, SetSpec spec, ListRequest request, Writer out)
            throws IOException {
        boolean reason = NotScannedReason.listed(spec);
        CsvCells.row(out, reason ? withReason(HOST_HEADER, REASON_HEADER) : HOST_HEADER);
        try {
            queries.streamHosts(spec, request, row -> {
                try {
                    List<String> cells = Arrays.asList(row.ip(), row.hostname(), row.mac(), time(row.firstSeen()),
                            time(row.lastSeen()), row.source(),
                            row.qualysHostId() == null ? null : row.qualysHostId().toString(), row.dns(),
                            row.netbios(), row.os(), row.trackingMethod(), time(row.lastScan()));
                    CsvCells.row(out, reason ? withReason(cells, row.reason().label()) : cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public static void writeRanges(IpRangeSet ranges, Writer out) throws IOException {
        CsvCells.row(out, RANGE_HEADER);
        for (IpRange r : ranges) {
            CsvCells.row(out, List.of(r.first().toString(), r.last().toString(), r.size().toString()));
        }
    }

    /** The reason goes second, beside the address it explains. */
    private static List<String> withReason(List<String> cells, String reason) {
        List<String> all = new ArrayList<>(cells.size() + 1);
        all.add(cells.get(0));
        all.add(reason);
        all.addAll(cells.subList(1, cells.size()));
        return all;
    }

    private static String time(OffsetDateTime t) {
        return Times.iso(t);
    }
}
