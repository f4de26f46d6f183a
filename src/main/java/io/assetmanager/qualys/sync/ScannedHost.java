package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One address of a host Qualys reports as scanned (set M), as of the last successful sync run: a host with IPv4 and
 * IPv6 has two rows, the same details on each.
 */
@Entity
@Table(name = "qualys_scanned_ips")
public class ScannedHost {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "qualys_host_id", nullable = false)
    private long qualysHostId;

    @Column(nullable = false)
    private IpAddress ip;

    private String dns;
    private String netbios;
    private String os;

    @Column(name = "tracking_method")
    private String trackingMethod;

    /** The later of the two dates below: the date the host's scan freshness is judged by. */
    @Column(name = "last_scan")
    private OffsetDateTime lastScan;

    /** {@code LAST_VULN_SCAN_DATETIME} as Qualys gave it. */
    @Column(name = "last_vuln_scan")
    private OffsetDateTime lastVulnScan;

    /** {@code LAST_VM_SCANNED_DATE} as Qualys gave it. */
    @Column(name = "last_vm_scanned")
    private OffsetDateTime lastVmScanned;

    protected ScannedHost() {
    }

    public ScannedHost(long qualysHostId, IpAddress ip, String dns, String netbios, String os, String trackingMethod,
            OffsetDateTime lastScan) {
        this.qualysHostId = qualysHostId;
        this.ip = ip;
        this.dns = dns;
        this.netbios = netbios;
        this.os = os;
        this.trackingMethod = trackingMethod;
        this.lastScan = lastScan;
    }

    public Long getId() {
        return id;
    }

    public long getQualysHostId() {
        return qualysHostId;
    }

    public IpAddress getIp() {
        return ip;
    }

    public String getDns() {
        return dns;
    }

    public String getNetbios() {
        return netbios;
    }

    public String getOs() {
        return os;
    }

    public String getTrackingMethod() {
        return trackingMethod;
    }

    public OffsetDateTime getLastScan() {
        return lastScan;
    }

    public OffsetDateTime getLastVulnScan() {
        return lastVulnScan;
    }

    public OffsetDateTime getLastVmScanned() {
        return lastVmScanned;
    }
}
