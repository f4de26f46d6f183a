package io.assetmanager.qualys.api;

import io.assetmanager.net.IpAddress;

import java.time.Instant;

/**
 * One host of the Qualys host list. Everything but {@code id} may be null: {@code details=None} gives IDs only,
 * agent-tracked hosts may lack an address, and hosts never scanned have no scan date.
 *
 * @param ip        the IPv4 address ({@code IP}), or the IPv6 one ({@code IPV6}) when there is no IPv4
 * @param lastScan  {@code LAST_VULN_SCAN_DATETIME}, else {@code LAST_SCAN_DATETIME} (needs {@code details=All})
 */
public record QualysHost(long id, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
                          Instant lastScan) {
}
