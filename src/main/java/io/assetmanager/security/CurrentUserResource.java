package io.assetmanager.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/** {@code GET /api/v1/me}: who the credentials belong to; lets a tool check its credentials cheaply. */
@Path("me")
public class CurrentUserResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> me(@Context SecurityContext security) {
        String role = security.isUserInRole(Role.ADMIN) ? Role.ADMIN : Role.VIEWER;
        return Map.of("username", security.getUserPrincipal().getName(), "role", role);
    }
}
