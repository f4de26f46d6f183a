package io.assetmanager.inventory;

import io.assetmanager.net.IpAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A live host in Asset Manager's own index: one member of set I. Read through JPA ({@link InventoryRepository});
 * written only by {@link InventoryWriter}'s JDBC batches, so it has no setters.
 */
@Entity
@Table(name = "indexed_hosts")
public class IndexedHost {

    @Id
    private Long id;

    /** With the zone, the host's key (V26): the same address may be indexed in several zones. */
    @Column(nullable = false)
    private IpAddress ip;

    private String hostname;
    private String mac;

    @Column(name = "first_seen", nullable = false)
    private OffsetDateTime firstSeen;

    @Column(name = "last_seen", nullable = false)
    private OffsetDateTime lastSeen;

    private String source;
    @Column(nullable = false)
    private String zone;

    protected IndexedHost() {
    }

    public IpAddress getIp() {
        return ip;
    }

    public String getHostname() {
        return hostname;
    }

    public String getMac() {
        return mac;
    }

    public OffsetDateTime getFirstSeen() {
        return firstSeen;
    }

    public OffsetDateTime getLastSeen() {
        return lastSeen;
    }

    public String getSource() {
        return source;
    }

    public String getZone() {
        return zone;
    }
}
