package io.assetmanager.qualys.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigInteger;
import java.time.OffsetDateTime;

/** The one DISCOVERED asset group Asset Manager keeps in Qualys (id 1), and what was last pushed to it. */
@Entity
@Table(name = "qualys_asset_group")
public class DiscoveredGroup {

    public static final int SINGLETON_ID = 1;

    @Id
    private Integer id;

    @Column(name = "qualys_id")
    private Long qualysId;

    private String title;

    @Column(name = "created_at")
    private OffsetDateTime createdAt;

    @Column(name = "last_verified_at")
    private OffsetDateTime lastVerifiedAt;

    @Column(name = "last_pushed_at")
    private OffsetDateTime lastPushedAt;

    @Column(name = "pushed_range_count")
    private Integer pushedRangeCount;

    @Column(name = "pushed_address_count")
    private BigInteger pushedAddressCount;

    /** The group's IPs as last set, in Qualys's "a,a-b" form. */
    @Column(name = "pushed_ranges")
    private String pushedRanges;

    protected DiscoveredGroup() {
    }

    public DiscoveredGroup(long qualysId, String title, OffsetDateTime createdAt) {
        this.id = SINGLETON_ID;
        this.qualysId = qualysId;
        this.title = title;
        this.createdAt = createdAt;
    }

    public Long getQualysId() {
        return qualysId;
    }

    public String getTitle() {
        return title;
    }

    public String getPushedRanges() {
        return pushedRanges;
    }

    public void adopt(long qualysId, String title, OffsetDateTime at) {
        this.qualysId = qualysId;
        this.title = title;
        this.createdAt = at;
    }

    public void verified(OffsetDateTime at) {
        this.lastVerifiedAt = at;
    }

    public void pushed(String ranges, int rangeCount, BigInteger addressCount, OffsetDateTime at) {
        this.pushedRanges = ranges;
        this.pushedRangeCount = rangeCount;
        this.pushedAddressCount = addressCount;
        this.lastPushedAt = at;
    }
}
