package io.assetmanager.qualys.sync.web;

import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.QueryNumber;
import io.assetmanager.qualys.sync.Reconciliation;
import io.assetmanager.qualys.sync.RunSummary;
import io.assetmanager.qualys.sync.SnapshotRepository;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRefusedException;
import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncRunRepository;
import io.assetmanager.qualys.sync.SyncRunner;
import io.assetmanager.qualys.sync.SyncScheduler;
import io.assetmanager.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/sync}: the run history and status for monitoring tools, Run now for admins, the preview of the next
 * run, and the stored Qualys subscription. Reads for viewers and admins; starting a run for admins only.
 */
@Path("sync")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private static final int MAX_PAGE = 500;

    @Inject
    private SyncScheduler scheduler;
    @Inject
    private SyncRunRepository history;
    @Inject
    private SyncRunner runner;
    @Inject
    private SnapshotRepository store;
    @Context
    private SecurityContext security;

    @GET
    @Path("status")
    public Map<String, Object> status() {
        SyncScheduler.Status s = scheduler.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", s.enabled());
        out.put("credentialsRejected", s.credentialsRejected());
        out.put("running", s.running().map(SyncResource::runningJson).orElse(null));
        out.put("lastFinishedRunId", s.lastFinished().map(SyncRun::getId).orElse(null));
        out.put("nextRun", s.nextRun().map(Object::toString).orElse(null));
        return out;
    }

    @GET
    @Path("runs")
    public Map<String, Object> runs(@QueryParam("offset") String offsetText, @QueryParam("limit") String limitText) {
        int offset = number("offset", offsetText, 0, 0, Integer.MAX_VALUE);
        int limit = number("limit", limitText, 50, 1, MAX_PAGE);
        List<Map<String, Object>> runs = history.newestFirst(offset, limit)
                .stream().map(SyncResource::summaryJson).toList();
        return Map.of("total", history.count(), "offset", offset, "runs", runs);
    }

    @GET
    @Path("runs/{id}")
    public Map<String, Object> run(@PathParam("id") long id) {
        SyncRun run = history.find(id).orElseThrow(() -> new NotFoundException("No sync run " + id));
        Map<String, Object> out = summaryJson(history.summary(id).orElseThrow());
        out.put("pushedAdded", run.getPushedAdded());
        out.put("pushedGroup", run.getPushedGroup());
        if (run.getOutcome() == SyncOutcome.HELD) {
            out.put("keptScanned", run.getKeptScanned());
            out.put("keptSubscribed", run.getKeptSubscribed());
            out.put("heldScanned", run.getHeldScanned());
            out.put("heldSubscribed", run.getHeldSubscribed());
            out.put("acceptedBy", run.getAcceptedBy());
            out.put("acceptedAt", run.getAcceptedAt() == null ? null : run.getAcceptedAt().toString());
        }
        return out;
    }

    /** Starts a run now: 202 with its id, or 409 with who is running since when. */
    @POST
    @Path("runs")
    public Response runNow() {
        if (!security.isUserInRole(Role.ADMIN)) {
            throw new ForbiddenException("Only an admin can start a sync run");
        }
        try {
            long id = scheduler.runNow(security.getUserPrincipal().getName());
            return Response.accepted(Map.of("runId", id)).build();
        } catch (SyncRefusedException e) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /**
     * Accepts the newest held result (admins; recorded on the held run with who and when) and starts a run that
     * applies it: 202 with both ids, or 409 when there is nothing to accept or no run can start now.
     */
    @POST
    @Path("held/accept")
    public Response acceptHeld() {
        if (!security.isUserInRole(Role.ADMIN)) {
            throw new ForbiddenException("Only an admin can accept a held sync result");
        }
        try {
            long id = scheduler.acceptHeld(security.getUserPrincipal().getName());
            return Response.accepted(Map.of("runId", id)).build();
        } catch (SyncRefusedException e) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", e.getMessage())).build();
        }
    }

    @GET
    @Path("preview")
    public Map<String, Object> preview() {
        Reconciliation.Preview p = runner.preview();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("autoSubscribe", p.autoSubscribe().subscribes());
        out.put("autoSubscribeMode", p.autoSubscribe().name());
        if (p.add() != null) {
            out.put("add", p.add().toAdd().toString());
            out.put("addCount", p.add().toAdd().size());
            out.put("capped", p.add().capped());
            out.put("excludedCount", p.add().excluded());
            out.put("ipv6Skipped", p.add().ipv6Skipped());
            if (p.add().approval()) {
                out.put("pending", p.add().pending().toString());
                out.put("pendingCount", p.add().pending().size());
            }
        }
        out.put("discovered", p.discovered().toString());
        out.put("discoveredCount", p.discovered().size());
        out.put("staleJoinDiscovered", p.rule().staleJoin());
        out.put("staleCount", p.stale().size());
        out.put("qualysCalls", p.calls().total());
        out.put("qualysCallsDetail", p.calls().describe());
        if (p.zones() != null) {
            out.put("zones", p.zones().summary());
            out.put("zoneGroups", p.zones().lines());
            out.put("zoneGroupsCount", p.zones().all().size());
        }
        return out;
    }

    /** The subscription as the last successful run stored it, as ranges. */
    @GET
    @Path("subscription")
    public Map<String, Object> subscription() {
        IpRangeSet s = store.loadSubscribed();
        return Map.of("ranges", s.ranges().stream().map(IpRange::toString).toList(), "addresses", s.size());
    }

    /** The scanned hosts' addresses as the last successful run stored them, in address order. */
    @GET
    @Path("scanned")
    public Map<String, Object> scanned(@QueryParam("offset") String offsetText,
            @QueryParam("limit") String limitText) {
        int offset = number("offset", offsetText, 0, 0, Integer.MAX_VALUE);
        int limit = number("limit", limitText, 1000, 1, 10_000);
        List<String> ips = store.scannedPage(offset, limit).stream()
                .map(Object::toString).toList();
        return Map.of("offset", offset, "ips", ips);
    }

    /** A whole-number query parameter; a bad one is a 400 naming it. */
    private static int number(String name, String text, int defaultValue, int min, int max) {
        try {
            return QueryNumber.parseInt(name, text, defaultValue, min, max);
        } catch (QueryNumber.BadParameter e) {
            throw new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", e.getMessage(), "parameter", e.parameter())).build());
        }
    }

    private static Map<String, Object> runningJson(SyncRun r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.getId());
        out.put("trigger", r.getTrigger().name());
        out.put("triggeredBy", r.getTriggeredBy());
        out.put("instance", r.getInstanceName());
        out.put("startedAt", r.getStartedAt().toString());
        out.put("step", r.getCurrentStep());
        return out;
    }

    private static Map<String, Object> summaryJson(RunSummary r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("trigger", r.trigger().name());
        out.put("triggeredBy", r.triggeredBy());
        out.put("instance", r.instanceName());
        out.put("startedAt", r.startedAt().toString());
        out.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        out.put("outcome", r.outcome().name());
        out.put("step", r.currentStep());
        out.put("indexed", r.countIndexed());
        out.put("subscribed", r.countSubscribed());
        out.put("scanned", r.countScanned());
        out.put("managed", r.countManaged());
        out.put("stale", r.countStale());
        out.put("added", r.countAdded());
        out.put("pending", r.countPending());
        out.put("approvedAdded", r.countApprovedAdded());
        out.put("discovered", r.countDiscovered());
        out.put("capped", r.capped());
        out.put("groupRecreated", r.groupRecreated());
        out.put("zoneGroups", r.zoneGroups());
        out.put("qualysCalls", r.qualysCalls());
        out.put("plannedQualysCalls", r.plannedCalls());
        out.put("qualysWaitSeconds", r.qualysWaitSeconds());
        out.put("resumeAt", r.resumeAt() == null ? null : r.resumeAt().toString());
        out.put("errorCode", r.errorCode());
        out.put("errorText", r.errorText());
        out.put("stepTimings", r.stepTimings());
        return out;
    }
}
