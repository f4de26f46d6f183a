package io.assetmanager.coverage;

import io.assetmanager.sets.SetSpec;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code /coverage/export?set=...}: a whole set as CSV for the pages' Export button (the page's login session;
 * the REST API's {@code /api/v1/coverage/{set}/csv} is the same export for tools with HTTP Basic). Takes the list
 * parameters of {@link ListParameters}; streams from the database, so the size of the set does not matter.
 */
@WebServlet("/coverage/export")
public class CoverageExportServlet extends HttpServlet {

    @Inject
    private CoverageService coverage;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CoverageSet set;
        ListRequest list;
        SetSpec spec;
        CoverageRepository queries = coverage.queries();
        try {
            set = ListParameters.set(request.getParameter("set"));
            list = ListParameters.request(request.getParameter("filter"), request.getParameter("range"),
                    request.getParameter("text"), request.getParameter("sort"), request.getParameter("order"),
                    null, null, 1, request.getParameter("zone"));
            spec = set.spec(coverage.autoSubscribe());
            CoverageRepository.check(spec, list);
        } catch (ListParameters.UnknownSetException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            // A person followed this link (a bookmark, a shared URL): say what is wrong in words, not a bare 400.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("Nothing was exported: the list's filter is not valid: " + e.getMessage()
                    + ". Correct it on the list page and export again.\n");
            return;
        }
        response.setContentType("text/csv");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\""
                + ExportFileName.of(set, list, LocalDate.now(ZoneOffset.UTC)) + "\"");
        // Buffered as the inventory's export is: the rows are many small writes, each a call through the
        // container's writer and its encoder otherwise.
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                64 * 1024);
        CoverageCsv.write(queries, spec, list, out);
        out.flush();
    }
}
