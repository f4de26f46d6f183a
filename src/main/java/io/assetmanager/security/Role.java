package io.assetmanager.security;

/** The two roles: admins change things (settings, Run now, inventory writes), viewers look. */
public final class Role {
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private Role() {
    }

    public static boolean isKnown(String role) {
        return ADMIN.equals(role) || VIEWER.equals(role);
    }
}
