package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpParseException;
import io.assetmanager.net.IpRange;
import io.assetmanager.platform.QueryNumber;
import io.assetmanager.platform.UploadLimits;
import io.assetmanager.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/indexed-hosts}: the inventory over HTTP Basic. Viewers read (JSON pages, CSV export); admins
 * upload (text, CSV, JSON, nmap XML; merge or replace) and delete. See docs/INVENTORY.md.
 */
@Path("indexed-hosts")
@RequestScoped
public class IndexedHostResource {

    static final int MAX_PAGE = 1000;

    @Inject
    private InventoryService inventory;

    @Inject
    private InventoryRepository queries;

    @Inject
    private InventoryExport export;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("mode") String modeText, @QueryParam("source") String source,
            @QueryParam("zone") String zone, InputStream body) {
        if (!security.isUserInRole(Role.ADMIN)) {
            return forbidden();
        }
        Optional<IngestMode> mode = IngestMode.of(modeText);
        if (mode.isEmpty()) {
            return rejected(UploadRejectedException.of(0, "mode must be merge or replace, not '"
                    + HostFields.printable(modeText) + "'"));
        }
        Optional<UploadFormat> format = UploadFormat.ofContentType(request.getContentType());
        if (format.isEmpty()) {
            return rejected(UploadRejectedException.of(0, "the Content-Type '"
                    + HostFields.printable(String.valueOf(request.getContentType())) + "' is not accepted; send "
                    + UploadFormat.ACCEPTED));
        }
        long maxBytes = UploadLimits.fromEnvironment().maxBytes();
        if (request.getContentLengthLong() > maxBytes) {
            return tooLarge(new UploadTooLargeException("The upload is " + request.getContentLengthLong()
                    + " bytes, more than the limit of " + maxBytes + " bytes"));
        }
        String defaultSource = "api:" + security.getUserPrincipal().getName();
        try {
            IngestCounts counts = inventory.ingest(body, format.get(), mode.get(),
                    source == null ? defaultSource : source, zone);
            return Response.ok(Json.createObjectBuilder()
                    .add("mode", counts.mode().label())
                    .add("hosts", counts.hosts())
                    .add("added", counts.added())
                    .add("updated", counts.updated())
                    .add("unchanged", counts.unchanged())
                    .add("removed", counts.removed())
                    .build()).build();
        } catch (UploadRejectedException e) {
            return rejected(e);
        } catch (UploadTooLargeException e) {
            return tooLarge(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON + ";qs=1")
    public Response list(@QueryParam("range") String range, @QueryParam("hostname") String hostname,
            @QueryParam("zone") String zone, @QueryParam("after") String after,
            @QueryParam("afterZone") String afterZone,
            @QueryParam("offset") String offsetText, @QueryParam("limit") String limitText) {
        HostFilter filter;
        HostKey afterHost;
        long offset;
        int limit;
        try {
            filter = HostFilter.parse(range, hostname, zone == null || zone.isBlank() ? null : HostFields.zone(zone));
            if (afterZone != null && !afterZone.isBlank() && (after == null || after.isBlank())) {
                return badRequest("afterZone: give it with after (the address of the host it names)");
            }
            String checkedAfterZone;
            try {
                checkedAfterZone = afterZone == null || afterZone.isBlank() ? null : HostFields.zone(afterZone);
            } catch (HostFields.InvalidFieldException e) {
                return badRequest("afterZone: " + e.reason());
            }
            afterHost = after == null || after.isBlank() ? null
                    : new HostKey(IpAddress.parse(after), checkedAfterZone);
            offset = QueryNumber.parse("offset", offsetText, 0, 0, Long.MAX_VALUE);
            limit = QueryNumber.parseInt("limit", limitText, 100, 1, MAX_PAGE);
        } catch (IpParseException | QueryNumber.BadParameter | HostFields.InvalidFieldException e) {
            return badRequest(e.getMessage());
        }
        List<HostRow> page = queries.page(filter, HostSort.IP_ASC, afterHost, offset, limit);
        JsonArrayBuilder hosts = Json.createArrayBuilder();
        page.forEach(host -> hosts.add(json(host)));
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("total", queries.count(filter))
                .add("limit", limit)
                .add("hosts", hosts);
        if (page.size() == limit) {
            // The next page starts after this host: an address may have a host in another zone still to come.
            answer.add("next", page.get(page.size() - 1).getIp());
            answer.add("nextZone", page.get(page.size() - 1).getZone());
        } else {
            answer.addNull("next");
            answer.addNull("nextZone");
        }
        return Response.ok(answer.build()).build();
    }

    @GET
    @Produces(InventoryExport.MEDIA_TYPE + ";qs=0.5")
    public Response exportCsv(@QueryParam("range") String range, @QueryParam("hostname") String hostname,
            @QueryParam("zone") String zone) {
        HostFilter filter;
        try {
            filter = HostFilter.parse(range, hostname, zone);
        } catch (IpParseException e) {
            return badRequest(e.getMessage());
        }
        StreamingOutput csv = out -> export.write(filter,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
        return Response.ok(csv, InventoryExport.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"indexed-hosts.csv\"").build();
    }

    /** Deletes the hosts of an address: in one zone with {@code ?zone=}, else in every zone it is indexed in. */
    @DELETE
    @Path("{ip}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteOne(@PathParam("ip") String ip, @QueryParam("zone") String zone) {
        if (!security.isUserInRole(Role.ADMIN)) {
            return forbidden();
        }
        IpAddress address;
        String checkedZone;
        try {
            address = IpAddress.parse(ip);
            checkedZone = zoneParameter(zone);
        } catch (IpParseException | HostFields.InvalidFieldException e) {
            return badRequest(e.getMessage());
        }
        long removed = inventory.delete(IpRange.of(address), checkedZone);
        if (removed == 0) {
            return error(Response.Status.NOT_FOUND, address + " is not an indexed host"
                    + (checkedZone == null ? "" : " in zone " + checkedZone));
        }
        return Response.ok(Json.createObjectBuilder().add("removed", removed).build()).build();
    }

    /** Deletes the hosts of a range: in one zone with {@code ?zone=}, else in every zone. */
    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    public Response deleteRange(@QueryParam("range") String range, @QueryParam("zone") String zone) {
        if (!security.isUserInRole(Role.ADMIN)) {
            return forbidden();
        }
        if (range == null || range.isBlank()) {
            return badRequest("give the hosts to delete as ?range= (an address, a-b or CIDR)");
        }
        IpRange parsed;
        String checkedZone;
        try {
            parsed = IpRange.parse(range);
            checkedZone = zoneParameter(zone);
        } catch (IpParseException | HostFields.InvalidFieldException e) {
            return badRequest(e.getMessage());
        }
        return Response.ok(Json.createObjectBuilder().add("removed", inventory.delete(parsed, checkedZone)).build())
                .build();
    }

    /**
     * The {@code zone} parameter of a delete, validated as an upload's zone; null when absent. Given but empty is
     * refused: a script whose zone variable came out empty must not delete the address in every zone.
     */
    private static String zoneParameter(String zone) {
        if (zone != null && zone.isBlank()) {
            throw new HostFields.InvalidFieldException("zone", "empty: leave the parameter out to delete in every zone");
        }
        return zone == null ? null : HostFields.zone(zone);
    }

    static JsonObject json(HostRow host) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("ip", host.getIp());
        text(json, "hostname", host.getHostname());
        text(json, "mac", host.getMac());
        text(json, "zone", host.getZone());
        text(json, "source", host.getSource());
        text(json, "firstSeen", time(host.getFirstSeen()));
        text(json, "lastSeen", time(host.getLastSeen()));
        return json.build();
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    private static Response rejected(UploadRejectedException e) {
        UploadProblems problems = e.problems();
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (UploadProblems.Problem problem : problems.listed()) {
            list.add(Json.createObjectBuilder().add("line", problem.line()).add("message", problem.message()));
        }
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder()
                        .add("error", "The upload was rejected and nothing was written: " + problems.count()
                                + " problem(s)" + (problems.count() > problems.listed().size()
                                        ? ", the first " + problems.listed().size() + " listed" : ""))
                        .add("problemCount", problems.count())
                        .add("problems", list)
                        .build())
                .build();
    }

    private static Response tooLarge(UploadTooLargeException e) {
        return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage() + "; nothing was written");
    }

    private static Response forbidden() {
        return error(Response.Status.FORBIDDEN, "Only an admin can change the inventory");
    }

    private static Response badRequest(String message) {
        return error(Response.Status.BAD_REQUEST, message);
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", message).build()).build();
    }
}
