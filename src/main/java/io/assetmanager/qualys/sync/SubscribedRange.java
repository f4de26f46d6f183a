package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One merged range of the Qualys subscription (set S), as of the last successful sync run. */
@Entity
@Table(name = "qualys_subscribed_ips")
public class SubscribedRange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "range_start", nullable = false)
    private IpAddress rangeStart;

    @Column(name = "range_end", nullable = false)
    private IpAddress rangeEnd;

    protected SubscribedRange() {
    }

    public SubscribedRange(IpRange range) {
        this.rangeStart = range.first();
        this.rangeEnd = range.last();
    }

    public Long getId() {
        return id;
    }

    public IpRange toRange() {
        return new IpRange(rangeStart, rangeEnd);
    }
}
