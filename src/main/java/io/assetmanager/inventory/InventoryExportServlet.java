package io.assetmanager.inventory;

import io.assetmanager.net.IpParseException;
import io.assetmanager.platform.CsvFileName;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * The page's CSV export ({@code /inventory/export.csv?range=&hostname=&zone=}), for logged-in users of the pages; the same
 * rows as {@code GET /api/v1/indexed-hosts} with {@code Accept: text/csv}. Streamed, never built in memory.
 */
@WebServlet("/inventory/export.csv")
public class InventoryExportServlet extends HttpServlet {

    @Inject
    private InventoryExport export;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HostFilter filter;
        try {
            filter = HostFilter.parse(request.getParameter("range"), request.getParameter("hostname"),
                    request.getParameter("zone"));
        } catch (IpParseException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.setContentType(InventoryExport.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(request.getParameter("range"),
                request.getParameter("hostname"), request.getParameter("zone"),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "\"");
        export.write(filter, new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8), 64 * 1024));
    }

    /**
     * The export's file name: the inventory, its filter and the day (UTC), as the coverage lists name theirs, e.g.
     * {@code inventory_10.0.0.0-24_host-printer_zone-DMZ_2026-12-07.csv}; only letters, digits, dots and dashes of the
     * filter are kept, each part cut at 40 characters.
     */
    static String fileName(String range, String hostname, String zone, java.time.LocalDate day) {
        return CsvFileName.of("inventory").filter("", range == null ? null : range.strip(), 40)
                .filter("host-", hostname == null ? null : hostname.strip(), 40)
                .filter("zone-", zone == null ? null : zone.strip(), 40).on(day);
    }
}
