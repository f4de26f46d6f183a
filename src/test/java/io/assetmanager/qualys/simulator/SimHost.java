package io.assetmanager.qualys.simulator;

import java.time.Instant;

/** One host the simulator reports in the host list. {@code ipv4}/{@code ipv6}/{@code lastScan} may be null. */
public record SimHost(long id, String ipv4, String ipv6, String dns, String netbios, String os, String trackingMethod,
                      Instant lastScan) {

    /** How long the last scan took: Qualys's LAST_VM_SCANNED_DURATION, in seconds. */
    public long scanSeconds() {
        return 100 + id % 900;
    }

    /**
     * The end of the last scan, LAST_VM_SCANNED_DATE (LAST_VULN_SCAN_DATETIME, {@link #lastScan}, is its start);
     * null when never scanned.
     */
    public Instant vmScanned() {
        return lastScan == null ? null : lastScan.plusSeconds(scanSeconds());
    }
}
