package io.assetmanager.coverage;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpParseException;
import io.assetmanager.sets.SetSpec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/coverage}: the dashboard's numbers, and each set as a paged list or a CSV export, for other tools
 * (viewer and admin, HTTP Basic). Each takes {@code zone}, the Zone filter of the pages ({@link ZoneFilter}).
 */
@Path("coverage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {

    static final int DEFAULT_LIMIT = 50;

    @Inject
    private CoverageService coverage;

    @GET
    public Map<String, Object> numbers(@QueryParam("zone") String zone) {
        String applied = zone(zone);
        CoverageService.Settings settings = coverage.settings();
        CoverageNumbers numbers = coverage.numbers(settings.autoSubscribe(), applied);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inventory", "live");
        json.put("zone", numbers.zone());
        if (numbers.zone() != null) {
            // The Totals stay the inventory's: sets.indexed.count is the zone's.
            json.put("indexedInAllZones", numbers.indexedInAllZones());
        }
        QualysStatus qualys = numbers.qualys();
        json.put("qualysDataAsOf", qualys.dataAsOf() == null ? null : qualys.dataAsOf().toString());
        json.put("lastRunFailed", qualys.lastRunFailed());
        if (qualys.lastRunFailed()) {
            QualysStatus.FailedRun run = qualys.failedRun();
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("outcome", run.outcome());
            failed.put("endedAt", run.endedAt().toString());
            failed.put("errorCode", run.errorCode());
            failed.put("errorText", run.errorText());
            json.put("lastRun", failed);
        }
        if (qualys.running() != null) {
            Map<String, Object> running = new LinkedHashMap<>();
            running.put("id", qualys.running().id());
            running.put("step", qualys.running().step());
            running.put("startedAt", qualys.running().startedAt().toString());
            running.put("storedSnapshot", qualys.running().storedSnapshot());
            json.put("runInProgress", running);
        }
        if (qualys.group() != null) {
            // What the group in Qualys holds (the last push); sets.discovered is what the next run would set.
            json.put("discoveredGroup", Map.of("addresses", qualys.group().addresses(),
                    "pushedAt", qualys.group().pushedAt().toString()));
        }
        json.put("autoSubscribe", numbers.autoSubscribe());
        // On: the next run also puts the subscribed stale hosts in the group, which sets.discovered does not count.
        json.put("staleJoinDiscovered", settings.staleJoinDiscovered());
        json.put("coverage", numbers.coverage());
        json.put("staleAfterDays", numbers.staleAfterDays());
        json.put("scansFreshSince", numbers.freshSince() == null ? null : numbers.freshSince().toString());
        json.put("subscribedRanges", numbers.subscribedRanges());
        Map<String, Object> sets = new LinkedHashMap<>();
        for (CoverageSet set : CoverageSet.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", set.label(numbers.staleAfterDays()));
            if (numbers.applies(set)) {
                entry.put("count", numbers.count(set));
            } else {
                entry.put("count", null);
                entry.put("notApplicable", ZoneFilter.NOT_APPLICABLE);
            }
            entry.put("rows", rowKind(set.spec(numbers.autoSubscribe())));
            sets.put(set.key(), entry);
        }
        json.put("sets", sets);
        return json;
    }

    /**
     * One page of a set. {@code after} (an address, with the address order only) continues after that address
     * instead of skipping {@code offset} rows: as fast at any depth, and the answer's {@code next} is the value for
     * the following page (null on the last).
     */
    @GET
    @Path("{set}")
    public Map<String, Object> list(@PathParam("set") String key, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @QueryParam("filter") String filter, @QueryParam("range") String range,
            @QueryParam("text") String text, @QueryParam("sort") String sort, @QueryParam("order") String order,
            @QueryParam("after") String after, @QueryParam("zone") String zone) {
        CoverageSet set = set(key);
        CoverageRepository queries = coverage.queries();
        CoverageService.Settings settings = coverage.settings();
        SetSpec spec = set.spec(settings.autoSubscribe());
        ListRequest request = request(filter, range, text, sort, order, offset, limit, zone);
        boolean hosts = spec.rowKind() != SetSpec.RowKind.ADDRESS_RANGES;
        PageSeek seek = null;
        if (after != null && !after.isBlank()) {
            if (!hosts || request.sort() != SortField.IP) {
                throw error(Response.Status.BAD_REQUEST, "after: pages by address only, in a host list sorted by ip;"
                        + " use offset otherwise");
            }
            try {
                seek = PageSeek.after(new HostRow(IpAddress.parse(after.strip()).toString(), null, null, null, null,
                        null, null, null, null, null, null, null));
            } catch (IpParseException e) {
                throw error(Response.Status.BAD_REQUEST, "after: " + e.getMessage());
            }
        }
        Page<?> page;
        try {
            page = hosts ? queries.hosts(spec, request, seek) : queries.ranges(spec, request);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("set", set.key());
        json.put("zone", request.zone());
        json.put("label", set.label(settings.staleAfterDays()));
        json.put("rows", rowKind(spec));
        json.put("total", page.total());
        json.put("totalCapped", page.capped());
        json.put("offset", page.offset());
        json.put("limit", page.limit());
        json.put("items", page.rows());
        if (hosts && request.sort() == SortField.IP) {
            List<?> rows = page.rows();
            json.put("next", rows.size() < request.limit() ? null : ((HostRow) rows.get(rows.size() - 1)).ip());
        }
        return json;
    }

    @GET
    @Path("{set}/csv")
    @Produces("text/csv")
    public Response csv(@PathParam("set") String key, @QueryParam("filter") String filter,
            @QueryParam("range") String range, @QueryParam("text") String text, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("zone") String zone) {
        CoverageSet set = set(key);
        CoverageRepository queries = coverage.queries();
        SetSpec spec = set.spec(coverage.autoSubscribe());
        ListRequest request = request(filter, range, text, sort, order, null, null, zone);
        try {
            CoverageRepository.check(spec, request);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CoverageCsv.write(queries, spec, request, writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\""
                        + ExportFileName.of(set, request, java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "\"")
                .build();
    }

    static String rowKind(SetSpec spec) {
        return spec.rowKind() == SetSpec.RowKind.ADDRESS_RANGES ? "ranges" : "hosts";
    }

    private static CoverageSet set(String key) {
        try {
            return ListParameters.set(key);
        } catch (ListParameters.UnknownSetException e) {
            throw error(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    private static ListRequest request(String filter, String range, String text, String sort, String order,
            String offset, String limit, String zone) {
        try {
            return ListParameters.request(filter, range, text, sort, order, offset, limit, DEFAULT_LIMIT, zone);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** The zone parameter as stored names go (stripped; blank: every zone), or 400 naming it. */
    private static String zone(String zone) {
        try {
            return ListParameters.zone(zone);
        } catch (IllegalArgumentException e) {
            throw error(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    private static WebApplicationException error(Response.Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message)).build());
    }
}
