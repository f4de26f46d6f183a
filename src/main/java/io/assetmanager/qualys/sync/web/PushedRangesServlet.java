package io.assetmanager.qualys.sync.web;

import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncRunRepository;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * What a sync run pushed, as a download for the Sync history page (login session, like the list exports): the
 * ranges added to the subscription ({@code list=added}) or those the DISCOVERED group was set to ({@code list=group}),
 * one range per line. At a million hosts a list runs to megabytes, too much for the page itself.
 */
@WebServlet("/sync-history/pushed")
public class PushedRangesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private SyncRunRepository history;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String list = request.getParameter("list");
        if (!"added".equals(list) && !"group".equals(list)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "list: give added or group");
            return;
        }
        long id;
        try {
            id = Long.parseLong(String.valueOf(request.getParameter("run")).strip());
        } catch (NumberFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "run: give the number of a sync run");
            return;
        }
        Optional<SyncRun> run = history.find(id);
        if (run.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No sync run " + id);
            return;
        }
        String ranges = "added".equals(list) ? run.get().getPushedAdded() : run.get().getPushedGroup();
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"sync-run-" + id + "-"
                + ("added".equals(list) ? "added-to-subscription" : "discovered-group") + ".txt\"");
        Writer out = response.getWriter();
        if (ranges != null && !ranges.isEmpty()) {
            int start = 0;
            while (start < ranges.length()) {
                int comma = ranges.indexOf(',', start);
                int end = comma < 0 ? ranges.length() : comma;
                out.write(ranges, start, end - start);
                out.write("\n");
                start = end + 1;
            }
        }
        out.flush();
    }
}
