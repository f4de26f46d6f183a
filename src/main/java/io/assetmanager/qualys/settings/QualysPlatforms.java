package io.assetmanager.qualys.settings;

import java.util.List;

/**
 * The public Qualys platforms' API servers, offered as suggestions for Server Name. The platform is the one the
 * subscription lives on (its identifier is part of the user name); the wrong one answers "Bad Login/Password".
 * Private cloud platforms ({@code qualysapi.<customer base URL>}) are typed in.
 */
public final class QualysPlatforms {

    /** One platform: its short name and its API server. */
    public record Platform(String code, String apiServer) {
    }

    // GOV1's API server is not confirmed by a Qualys document, so it is not suggested; it can still be typed in.
    public static final List<Platform> ALL = List.of(
            new Platform("US1", "qualysapi.qualys.com"),
            new Platform("US2", "qualysapi.qg2.apps.qualys.com"),
            new Platform("US3", "qualysapi.qg3.apps.qualys.com"),
            new Platform("US4", "qualysapi.qg4.apps.qualys.com"),
            new Platform("EU1", "qualysapi.qualys.eu"),
            new Platform("EU2", "qualysapi.qg2.apps.qualys.eu"),
            new Platform("EU3", "qualysapi.qg3.apps.qualys.it"),
            new Platform("IN1", "qualysapi.qg1.apps.qualys.in"),
            new Platform("CA1", "qualysapi.qg1.apps.qualys.ca"),
            new Platform("AE1", "qualysapi.qg1.apps.qualys.ae"),
            new Platform("UK1", "qualysapi.qg1.apps.qualys.co.uk"),
            new Platform("AU1", "qualysapi.qg1.apps.qualys.com.au"),
            new Platform("KSA1", "qualysapi.qg1.apps.qualysksa.com"));

    private QualysPlatforms() {
    }
}
