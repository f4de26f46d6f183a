package io.assetmanager.web;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api/v1}, with HTTP Basic (see {@code AppAuthenticationMechanism}). */
@ApplicationPath("api/v1")
@DeclareRoles({"admin", "viewer"})
public class RestApplication extends Application {
}
