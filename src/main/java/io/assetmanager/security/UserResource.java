package io.assetmanager.security;

import io.assetmanager.platform.JsonObjectBody;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.Set;

/**
 * {@code /api/v1/users}: the Users page over HTTP Basic, admins only (403 for anyone else). List and read users;
 * {@code POST} adds one ({@code {"username", "role", "password"}}); {@code PATCH /{username}} changes its role,
 * enabled state or password (any of {@code "role"}, {@code "enabled"}, {@code "password"}); {@code DELETE} deletes
 * it. Errors are {@code {"error": ...}}: 400 (a field, or the body), 404 (no such user), 409 (name taken, last admin),
 * 413 (a body over {@value #MAX_BODY_BYTES} bytes). See docs/SECURITY.md.
 */
@Path("users")
@RequestScoped
public class UserResource {

    /** A user's fields fit in a few hundred bytes; anything much larger is not a user. */
    static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> CREATE_FIELDS = Set.of("username", "role", "password");
    private static final Set<String> CHANGE_FIELDS = Set.of("role", "enabled", "password");

    @Inject
    private UserService service;

    @Context
    private SecurityContext security;

    @Context
    private HttpServletRequest request;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        if (!isAdmin()) {
            return forbidden();
        }
        JsonArrayBuilder rows = Json.createArrayBuilder();
        service.list().forEach(u -> rows.add(json(u)));
        return Response.ok(Json.createObjectBuilder().add("users", rows).build()).build();
    }

    @GET
    @Path("{username}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("username") String username) {
        if (!isAdmin()) {
            return forbidden();
        }
        try {
            return Response.ok(json(service.get(username))).build();
        } catch (UserChangeRefused e) {
            return refused(e);
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(InputStream body) {
        if (!isAdmin()) {
            return forbidden();
        }
        try {
            JsonObject fields = body(body, CREATE_FIELDS);
            AppUser user = service.add(actor(), text(fields, "username", true), text(fields, "role", true),
                    text(fields, "password", true));
            return Response.created(UriBuilder.fromPath(request.getContextPath()).path("api/v1/users")
                    .path(user.getUsername()).build()).entity(json(user)).build();
        } catch (UserChangeRefused e) {
            return refused(e);
        }
    }

    @PATCH
    @Path("{username}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("username") String username, InputStream body) {
        if (!isAdmin()) {
            return forbidden();
        }
        try {
            JsonObject fields = body(body, CHANGE_FIELDS);
            if (fields.isEmpty()) {
                throw invalid("The body names no change: give role, enabled or password.");
            }
            Boolean enabled = null;
            if (fields.containsKey("enabled")) {
                JsonValue value = fields.get("enabled");
                if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                    throw invalid("Field 'enabled' must be true or false.");
                }
                enabled = value == JsonValue.TRUE;
            }
            service.change(actor(), username, text(fields, "role", false), enabled, text(fields, "password", false));
            return Response.ok(json(service.get(username))).build();
        } catch (UserChangeRefused e) {
            return refused(e);
        }
    }

    @DELETE
    @Path("{username}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("username") String username) {
        if (!isAdmin()) {
            return forbidden();
        }
        try {
            service.delete(actor(), username);
            return Response.noContent().build();
        } catch (UserChangeRefused e) {
            return refused(e);
        }
    }

    private boolean isAdmin() {
        return security.isUserInRole(Role.ADMIN);
    }

    private String actor() {
        return security.getUserPrincipal().getName();
    }

    /** The body as a JSON object of known fields, read up to {@link #MAX_BODY_BYTES} bytes. */
    private JsonObject body(InputStream body, Set<String> known) {
        try {
            return JsonObjectBody.read(body, request.getContentLengthLong(), MAX_BODY_BYTES, known);
        } catch (JsonObjectBody.Refused e) {
            throw e.tooLarge() ? new BodyTooLarge() : invalid(e.getMessage());
        }
    }

    private static String text(JsonObject fields, String name, boolean required) {
        JsonValue value = fields.get(name);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw invalid("Field '" + name + "' is missing.");
            }
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw invalid("Field '" + name + "' must be a string.");
        }
        return string.getString();
    }

    private static UserChangeRefused invalid(String message) {
        return new UserChangeRefused(UserChangeRefused.Reason.INVALID, message);
    }

    private static JsonObject json(AppUser user) {
        JsonObjectBuilder row = Json.createObjectBuilder().add("username", user.getUsername())
                .add("role", user.getRole()).add("enabled", user.isEnabled())
                .add("createdAt", user.getCreatedAt().toString());
        if (user.getLastLoginAt() == null) {
            row.addNull("lastLoginAt");
        } else {
            row.add("lastLoginAt", user.getLastLoginAt().toString());
        }
        return row.build();
    }

    private static Response refused(UserChangeRefused e) {
        int status = e instanceof BodyTooLarge ? 413 : e.reason().status();
        return error(status, e.getMessage());
    }

    private static Response forbidden() {
        return error(403, "Only an admin can manage users.");
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Json.createObjectBuilder().add("error", message).build()).build();
    }

    /** A body over the limit: 413, nothing read past it. */
    private static final class BodyTooLarge extends UserChangeRefused {
        BodyTooLarge() {
            super(Reason.INVALID, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
    }
}
