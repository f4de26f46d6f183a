package io.assetmanager.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Switches on Jakarta Faces 4 with CDI for the pages. */
@FacesConfig
@ApplicationScoped
public class FacesConfiguration {
}
