package io.assetmanager.qualys.simulator;

import java.time.Instant;

/** One host the simulator reports in the host list. {@code ipv4}/{@code ipv6}/{@code lastScan} may be null. */
public record SimHost(long id, String ipv4, String ipv6, String dns, String netbios, String os, String trackingMethod,
                      Instant lastScan) {
}
