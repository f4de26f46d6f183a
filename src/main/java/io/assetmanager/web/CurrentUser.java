package io.assetmanager.web;

import io.assetmanager.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * Whether the logged-in user is an admin, asked of the container once per request. Pages ask it many times while
 * they render (the menu, every row of the Inventory table), and on Payara each {@code isUserInRole} is a permission
 * check that passes through a lock shared by all requests: with 50 users that lock was where the pages waited.
 */
@Named("currentUser")
@RequestScoped
public class CurrentUser {

    private Boolean admin;

    public boolean isAdmin() {
        if (admin == null) {
            admin = FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Role.ADMIN);
        }
        return admin;
    }
}
