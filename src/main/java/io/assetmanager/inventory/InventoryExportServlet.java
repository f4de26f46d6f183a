package io.assetmanager.inventory;

import io.assetmanager.net.IpParseException;
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
 * The page's CSV export ({@code /inventory/export.csv?range=&hostname=}), for logged-in users of the pages; the same
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
            filter = HostFilter.parse(request.getParameter("range"), request.getParameter("hostname"));
        } catch (IpParseException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.setContentType(InventoryExport.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(request.getParameter("range"),
                request.getParameter("hostname"), java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "\"");
        export.write(filter, new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8), 64 * 1024));
    }

    /**
     * The export's file name: the inventory, its filter and the day (UTC), as the coverage lists name theirs, e.g.
     * {@code inventory_10.0.0.0-24_host-printer_2026-12-07.csv}; only letters, digits, dots and dashes of the filter
     * are kept, each part cut at 40 characters.
     */
    static String fileName(String range, String hostname, java.time.LocalDate day) {
        StringBuilder name = new StringBuilder("inventory");
        if (range != null && !range.isBlank()) {
            name.append('_').append(safe(range.strip()));
        }
        if (hostname != null && !hostname.isBlank()) {
            name.append("_host-").append(safe(hostname.strip()));
        }
        return name.append('_').append(day).append(".csv").toString();
    }

    private static String safe(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) : value;
        return cut.replaceAll("[^A-Za-z0-9.-]", "-");
    }
}
