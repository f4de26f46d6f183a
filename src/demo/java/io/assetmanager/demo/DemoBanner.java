package io.assetmanager.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** For the page header: whether this is the demo, and what it talks to. */
@Named("demoMode")
@ApplicationScoped
public class DemoBanner {

    private final DemoMode demo = DemoMode.current().orElse(null);

    public boolean isActive() {
        return demo != null;
    }

    public String getSimulator() {
        return demo == null ? "" : demo.simulator().getHost() + ":" + demo.simulator().getPort();
    }
}
