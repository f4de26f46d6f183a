package io.assetmanager.counts;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The counts' part of one inventory transaction: {@link #begin} takes the counts row first, the writer then tells
 * which hosts it adds and removes, and {@link #finish} stores the counts plus the difference. The difference comes
 * from each host's membership in S and M ({@link CountsRepository#countAddresses}); S and M cannot change
 * meanwhile, because a sync run takes the same row before it replaces them. A change of more than
 * {@value #PROBE_LIMIT} hosts counts everything again instead (one to two seconds at 1M hosts on PostgreSQL, less
 * than looking up that many), and so does any change while the counts are not known yet.
 */
public final class InventoryCountChange {

    static final int PROBE_LIMIT = 100_000;

    private final Connection connection;
    private final CoverageCounts stored;
    private final int probeLimit;
    private final long outsideKeptUpTo;
    private final List<IpAddress> added = new ArrayList<>();
    private final List<IpAddress> removed = new ArrayList<>();
    /** Hosts added or removed so far. */
    private long touched;
    private boolean countAgain;

    private InventoryCountChange(Connection connection, CoverageCounts stored, int probeLimit, long outsideKeptUpTo) {
        this.connection = connection;
        this.stored = stored;
        this.probeLimit = probeLimit;
        this.outsideKeptUpTo = outsideKeptUpTo;
        this.countAgain = stored == null;
    }

    /**
     * The first statement of the transaction: waits for the counts row (at most the deployment's inventory lock wait,
     * then {@link CountsRepository.BusyException}) and holds it until the end.
     */
    public static InventoryCountChange begin(Connection connection) throws SQLException {
        return begin(connection, PROBE_LIMIT);
    }

    static InventoryCountChange begin(Connection connection, int probeLimit) throws SQLException {
        return begin(connection, probeLimit, CountsRepository.OUTSIDE_KEPT_UP_TO);
    }

    /** @param outsideKeptUpTo the set I − S is kept while it holds at most this many addresses (for tests) */
    static InventoryCountChange begin(Connection connection, int probeLimit, long outsideKeptUpTo)
            throws SQLException {
        Optional<CoverageCounts> stored = CountsRepository.lock(connection,
                io.assetmanager.platform.DeploymentProperties.inventoryLockWait());
        return new InventoryCountChange(connection, stored.orElse(null), probeLimit, outsideKeptUpTo);
    }

    /** A host the transaction adds: its address was not indexed before. */
    public void added(IpAddress ip) {
        note(added, ip);
    }

    /** A host the transaction removes: its address was indexed before. */
    public void removed(IpAddress ip) {
        note(removed, ip);
    }

    private void note(List<IpAddress> hosts, IpAddress ip) {
        if (countAgain) {
            return;
        }
        if (touched == probeLimit) {
            countAgainAtTheEnd();
            return;
        }
        touched++;
        hosts.add(ip);
    }

    private void countAgainAtTheEnd() {
        countAgain = true;
        added.clear();
        removed.clear();
    }

    /**
     * Every indexed host in the range goes: call before deleting them, while they are still there. More than
     * {@value #PROBE_LIMIT} hosts in the range: everything is counted again at the end.
     */
    public void removingRange(IpRange range) throws SQLException {
        if (!countAgain) {
            // One more than the limit allows, so that a larger range switches to counting again.
            CountsRepository.indexedIn(connection, range, (int) (probeLimit - touched + 1)).forEach(this::removed);
        }
    }

    /**
     * The indexed hosts in the range of one zone go: call before deleting them. An address leaves the inventory only
     * when no other zone holds it. More than {@value #PROBE_LIMIT} such addresses: everything is counted again.
     */
    public void removingRange(IpRange range, String zone) throws SQLException {
        if (!countAgain) {
            CountsRepository.indexedOnlyIn(connection, range, zone, (int) (probeLimit - touched + 1))
                    .forEach(this::removed);
        }
    }

    /**
     * The last statement of the transaction: marks the scanned hosts of the addresses that entered or left I
     * ({@code in_inventory}), keeps the set I − S ({@link #storeOutside}) and stores the counts as they are after
     * its writes.
     */
    public CoverageCounts finish() throws SQLException {
        CoverageCounts counts;
        Optional<FreshCounts> fresh = CountsRepository.readFresh(connection);
        if (countAgain || fresh.isEmpty()) {
            FreshCounts judged = CountsRepository.freshOrCount(connection);
            CountsRepository.storeFresh(connection, CountsRepository.countFresh(connection, judged.asOf(),
                    judged.since()));
        } else {
            CountsRepository.storeFresh(connection, fresh.get().plus(
                    CountsRepository.countFreshAddresses(connection, added, fresh.get().since())
                    - CountsRepository.countFreshAddresses(connection, removed, fresh.get().since())));
        }
        if (countAgain) {
            CountsRepository.markAllInInventory(connection);
            counts = CountsRepository.countAll(connection);
        } else {
            CountsRepository.markInInventory(connection, added, true);
            CountsRepository.markInInventory(connection, removed, false);
            counts = stored.withInventory(stored.inventory()
                    .plus(CountsRepository.countAddresses(connection, added))
                    .minus(CountsRepository.countAddresses(connection, removed)));
        }
        storeOutside(counts);
        CountsRepository.store(connection, counts);
        CountsRepository.inventoryChanged(connection);
        return counts;
    }

    /**
     * Keeps the set I − S while the new counts keep it: the touched addresses when it was exact before and they are
     * listed, else (a change too large to list, or counts back under the limit) everything from the tables. Over the
     * limit, it is marked not kept.
     */
    private void storeOutside(CoverageCounts counts) throws SQLException {
        if (!CountsRepository.keepsOutside(counts, outsideKeptUpTo)) {
            CountsRepository.markOutsideKept(connection, false);
            return;
        }
        if (countAgain || !CountsRepository.outsideKept(connection)) {
            CountsRepository.storeOutside(connection, CountsRepository.outsideFromTables(connection));
            return;
        }
        Set<IpAddress> touched = new LinkedHashSet<>(added);
        touched.addAll(removed);
        CountsRepository.storeOutside(connection, new ArrayList<>(touched));
    }
}
