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
        response.setHeader("Content-Disposition", "attachment; filename=\"indexed-hosts.csv\"");
        export.write(filter, new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8), 64 * 1024));
    }
}
