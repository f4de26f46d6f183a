package io.assetmanager.qualys.api;

import io.assetmanager.net.IpAddress;

import java.time.Instant;

/**
 * One host of the Qualys host list. Everything but {@code id} may be null: {@code details=None} gives IDs only,
 * agent-tracked hosts may lack an address, and hosts never scanned have no scan date.
 *
 * @param ip        the IPv4 address ({@code IP}), or the IPv6 one ({@code IPV6}) when there is no IPv4
 * @param lastScan  the later of {@code lastVulnScan} and {@code lastVmScanned}, else {@code LAST_SCAN_DATETIME}:
 *                  the date the host's scan freshness is judged by (needs {@code details=All})
 * @param lastVulnScan  {@code LAST_VULN_SCAN_DATETIME} as Qualys gives it (needs {@code details=All})
 * @param lastVmScanned {@code LAST_VM_SCANNED_DATE} as Qualys gives it (needs {@code details=All})
 */
public record QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
                          Instant lastScan, Instant lastVulnScan, Instant lastVmScanned) {

    /** A host with one scan date, taken as both of Qualys's vulnerability scan dates. */
    public QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
            Instant lastScan) {
        this(id, ip, dns, netbios, os, trackingMethod, lastScan, lastScan, lastScan);
    }
}
