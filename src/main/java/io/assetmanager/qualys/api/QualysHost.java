package io.assetmanager.qualys.api;

import io.assetmanager.net.IpAddress;

import java.time.Instant;
import java.util.List;

/**
 * One host of the Qualys host list. Everything but {@code id} may be null: {@code details=None} gives IDs only,
 * agent-tracked hosts may lack an address, and hosts never scanned have no scan date.
 *
 * @param ip        the IPv4 address ({@code IP}), or the IPv6 one ({@code IPV6}) when there is no IPv4
 * @param lastScan  the later of {@code lastVulnScan} and {@code lastVmScanned}, else {@code LAST_SCAN_DATETIME}:
 *                  the date the host's scan freshness is judged by (needs {@code details=All})
 * @param lastVulnScan  {@code LAST_VULN_SCAN_DATETIME} as Qualys gives it (needs {@code details=All})
 * @param lastVmScanned {@code LAST_VM_SCANNED_DATE} as Qualys gives it (needs {@code details=All})
 * @param ipv6      the IPv6 address ({@code IPV6}) of a host that has an IPv4 one too, else null
 */
public record QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
                          Instant lastScan, Instant lastVulnScan, Instant lastVmScanned, IpAddress ipv6) {

    /** A host with one address (or none) and one scan date, taken as both of Qualys's vulnerability scan dates. */
    public QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
            Instant lastScan) {
        this(id, ip, dns, netbios, os, trackingMethod, lastScan, lastScan, lastScan, null);
    }

    /** A host with one address (or none). */
    public QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
            Instant lastScan, Instant lastVulnScan, Instant lastVmScanned) {
        this(id, ip, dns, netbios, os, trackingMethod, lastScan, lastVulnScan, lastVmScanned, null);
    }

    /** A dual-stack host with one scan date. */
    public QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
            Instant lastScan, IpAddress ipv6) {
        this(id, ip, dns, netbios, os, trackingMethod, lastScan, lastScan, lastScan, ipv6);
    }

    /** Every address Qualys reports for this host (set M holds them all): none, one, or IPv4 and IPv6. */
    public List<IpAddress> addresses() {
        if (ip == null) {
            return List.of();
        }
        return ipv6 == null ? List.of(ip) : List.of(ip, ipv6);
    }
}
