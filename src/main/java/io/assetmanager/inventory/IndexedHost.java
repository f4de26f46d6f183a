package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A live host in Asset Manager's own index: one member of set I. */
@Entity
@Table(name = "indexed_hosts")
public class IndexedHost {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private IpAddress ip;

    private String hostname;
    private String mac;

    @Column(name = "first_seen", nullable = false)
    private OffsetDateTime firstSeen;

    @Column(name = "last_seen", nullable = false)
    private OffsetDateTime lastSeen;

    private String source;
    private String zone;

    protected IndexedHost() {
    }

    public IndexedHost(IpAddress ip, OffsetDateTime seen, String source) {
        this.ip = ip;
        this.firstSeen = seen;
        this.lastSeen = seen;
        this.source = source;
    }

    public Long getId() {
        return id;
    }

    public IpAddress getIp() {
        return ip;
    }

    public String getHostname() {
        return hostname;
    }

    public void setHostname(String hostname) {
        this.hostname = hostname;
    }

    public String getMac() {
        return mac;
    }

    public void setMac(String mac) {
        this.mac = mac;
    }

    public OffsetDateTime getFirstSeen() {
        return firstSeen;
    }

    public OffsetDateTime getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(OffsetDateTime lastSeen) {
        this.lastSeen = lastSeen;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }
}
