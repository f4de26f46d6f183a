package io.assetmanager.qualys.sync.web;

import io.assetmanager.inventory.HostRow;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.JsonObjectBody;
import io.assetmanager.platform.QueryNumber;
import io.assetmanager.qualys.sync.ApprovalRepository;
import io.assetmanager.qualys.sync.ApprovalService;
import io.assetmanager.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.Set;

/**
 * {@code /api/v1/approvals}, admins only: the approval list of Auto-Subscribe On after approval ({@code GET}: counts,
 * ranges, the licence effect, a page of pending hosts with their inventory details, the latest decisions), and the
 * decisions: {@code POST approve} with {@code {"ranges": "10.0.5.0/24, 10.0.6.1"}} or {@code {"all": true}}, and
 * {@code POST reject} with {@code {"ranges": ...}} (the rejected IPs join the exclusions). Errors are
 * {@code {"error": ..., "field": ...}}: 400 naming the field, 403 for a viewer, 409 when nothing matched, 413 for a
 * body over {@value #MAX_BODY_BYTES} bytes.
 */
@Path("approvals")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    static final int MAX_BODY_BYTES = ApprovalService.MAX_RANGES_TEXT + 1024;
    private static final int MAX_PAGE = 500;
    /** Ranges listed in full; a longer list is cut (the counts stay exact). */
    private static final int MAX_RANGES_LISTED = 10_000;

    @Inject
    private ApprovalService approvals;
    @Context
    private SecurityContext security;
    @Context
    private HttpServletRequest request;

    @GET
    public Response list(@QueryParam("range") String range, @QueryParam("offset") String offsetText,
            @QueryParam("limit") String limitText) {
        // Viewers read it as they read the Approvals page and every coverage list holding the same addresses; only
        // the decisions are an admin's.
        IpRange within;
        try {
            within = range == null || range.isBlank() ? null : IpRange.parse(range);
        } catch (IpParseException e) {
            return error(400, "range", "Query parameter 'range': " + e.getMessage() + ".");
        }
        long offset;
        int limit;
        try {
            offset = QueryNumber.parse("offset", offsetText, 0, 0, Long.MAX_VALUE);
            limit = QueryNumber.parseInt("limit", limitText, 100, 1, MAX_PAGE);
        } catch (QueryNumber.BadParameter e) {
            return error(400, e.parameter(), e.getMessage());
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return error(400, "limit", "Query parameter 'limit' must be from 1 to " + MAX_PAGE + ", not " + limit
                    + ".");
        }
        ApprovalService.Overview o = approvals.overview();
        JsonArrayBuilder hosts = Json.createArrayBuilder();
        for (HostRow h : approvals.pendingHosts(within, offset, limit)) {
            JsonObjectBuilder row = Json.createObjectBuilder().add("ip", h.getIp());
            add(row, "hostname", h.getHostname());
            add(row, "mac", h.getMac());
            add(row, "source", h.getSource());
            add(row, "firstSeen", h.getFirstSeen() == null ? null : h.getFirstSeen().toString());
            add(row, "lastSeen", h.getLastSeen() == null ? null : h.getLastSeen().toString());
            hosts.add(row);
        }
        JsonArrayBuilder decisions = Json.createArrayBuilder();
        for (ApprovalRepository.Decision d : approvals.decisions()) {
            decisions.add(Json.createObjectBuilder().add("decidedAt", d.decidedAt().toString())
                    .add("decidedBy", d.decidedBy()).add("decision", d.decision()).add("count", d.count())
                    .add("ranges", d.ranges()));
        }
        JsonObject body = Json.createObjectBuilder()
                .add("autoSubscribe", o.mode().name())
                .add("pendingCount", o.pending().size())
                .add("pendingRanges", ranges(o.pending()))
                .add("approvedCount", o.approved().size())
                .add("approvedRanges", ranges(o.approved()))
                .add("rangesTruncated", o.pending().rangeCount() > MAX_RANGES_LISTED
                        || o.approved().rangeCount() > MAX_RANGES_LISTED)
                .add("subscribedCount", o.subscribed())
                .add("subscribedAfterApprovingAll", o.subscribed().add(o.pending().size()).add(o.approved().size()))
                .add("hostCount", approvals.pendingHostCount(within))
                .add("hosts", hosts)
                .add("decisions", decisions).build();
        return Response.ok(body).build();
    }

    @POST
    @Path("approve")
    @Consumes(MediaType.WILDCARD)
    public Response approve(InputStream body) {
        return decide(body, true);
    }

    @POST
    @Path("reject")
    @Consumes(MediaType.WILDCARD)
    public Response reject(InputStream body) {
        return decide(body, false);
    }

    private Response decide(InputStream in, boolean approve) {
        if (!security.isUserInRole(Role.ADMIN)) {
            return forbidden();
        }
        String user = security.getUserPrincipal().getName();
        try {
            JsonObject fields = body(in, approve ? Set.of("ranges", "all") : Set.of("ranges"));
            boolean all = approve && fields.containsKey("all") && all(fields);
            IpRangeSet moved;
            if (all) {
                if (fields.containsKey("ranges")) {
                    throw new Invalid(400, "all", "Send either 'all' or 'ranges', not both.");
                }
                moved = approvals.approveAll(user);
            } else {
                String ranges = ranges(fields);
                moved = approve ? approvals.approve("Field 'ranges'", ranges, user)
                        : approvals.reject("Field 'ranges'", ranges, user);
            }
            return Response.ok(Json.createObjectBuilder().add(approve ? "approved" : "rejected", moved.toString())
                    .add("count", moved.size()).build()).build();
        } catch (Invalid e) {
            return error(e.status, e.field, e.getMessage());
        } catch (ApprovalService.DecisionRefused e) {
            return e.field() == null ? error(409, null, e.getMessage()) : error(400, "ranges", e.getMessage());
        }
    }

    private static boolean all(JsonObject fields) throws Invalid {
        JsonValue v = fields.get("all");
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw new Invalid(400, "all", "Field 'all' must be true or false.");
        }
        return v == JsonValue.TRUE;
    }

    private static String ranges(JsonObject fields) throws Invalid {
        JsonValue v = fields.get("ranges");
        if (v == null || v == JsonValue.NULL) {
            throw new Invalid(400, "ranges", "Field 'ranges' is missing: give IPs, ranges (a-b) or CIDR blocks, e.g."
                    + " \"10.0.5.0/24, 10.0.6.1\".");
        }
        if (!(v instanceof JsonString s)) {
            throw new Invalid(400, "ranges", "Field 'ranges' must be a string, e.g. \"10.0.5.0/24, 10.0.6.1\".");
        }
        return s.getString();
    }

    /** The body as a JSON object of known fields, read up to {@link #MAX_BODY_BYTES} bytes. */
    private JsonObject body(InputStream body, Set<String> known) throws Invalid {
        try {
            return JsonObjectBody.read(body, request.getContentLengthLong(), MAX_BODY_BYTES, known);
        } catch (JsonObjectBody.Refused e) {
            throw e.tooLarge() ? tooLarge() : new Invalid(400, e.field(), e.getMessage());
        }
    }

    private static Invalid tooLarge() {
        return new Invalid(413, null, "The body is larger than " + MAX_BODY_BYTES + " bytes: send fewer or wider"
                + " ranges.");
    }

    private static JsonArrayBuilder ranges(IpRangeSet set) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        set.ranges().stream().limit(MAX_RANGES_LISTED).forEach(r -> out.add(r.toString()));
        return out;
    }

    private static void add(JsonObjectBuilder row, String name, String value) {
        if (value == null) {
            row.addNull(name);
        } else {
            row.add(name, value);
        }
    }

    private static Response forbidden() {
        return error(403, null, "Only an admin can approve or reject the IPs waiting for approval.");
    }

    private static Response error(int status, String field, String message) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("error", message);
        if (field != null) {
            body.add("field", field);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.build()).build();
    }

    /** A request this resource refuses, with its status and the field it is about. */
    private static final class Invalid extends Exception {
        final int status;
        final String field;

        Invalid(int status, String field, String message) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
        }
    }
}
