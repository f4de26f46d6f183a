package io.assetmanager.qualys.sync;

import io.assetmanager.counts.RunSets;
import io.assetmanager.inventory.InventoryRepository;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.settings.QualysSettings;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZoneMapping;
import io.assetmanager.qualys.zones.ZoneSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a sync run reads and writes locally: the settings, the inventory, the Qualys snapshot, the group record, the
 * lease and the run history. Each write is its own short transaction.
 */
public interface SyncStore {

    QualysSettings settings();

    void markCredentialsRejected();

    /** Lifts the refusal unless the credentials changed since {@code used} was read. */
    void clearCredentialsRejected(QualysSettings used);

    /** Set I. */
    InventoryRepository.AddressSnapshot indexed();

    /** Set M as the last run stored it (to plan this run's calls). */
    IpRangeSet storedScanned();

    /** F as stored: the addresses of the stored scanned hosts last scanned on or after {@code since}. */
    IpRangeSet storedFresh(Instant since);

    /** Set S as stored (to judge whether this run's answer shrank past the threshold). */
    IpRangeSet storedSubscribed();

    /** The newest run that ended HELD or SUCCEEDED: when it held, its sizes are what the next answer is judged by. */
    Optional<SyncRun> lastHeldOrSucceeded();

    void clearStaging();

    /**
     * Stages hosts for {@link #replaceSnapshot}; the write may go on in the background until that or
     * {@link #endStaging}.
     */
    void stage(List<QualysHost> hosts);

    /**
     * Waits until every host handed to {@link #stage} is written or its write failed, and rethrows that failure. A
     * run calls it at its end whatever happened, so that no write of its own outlives it.
     */
    default void endStaging() {
    }

    /**
     * Replaces S and M together: M from the staged hosts. The dashboard's counts follow from {@code sets} while the
     * inventory is the one the run read (null: counted from the tables).
     */
    void replaceSnapshot(IpRangeSet subscribed, RunSets sets);

    /** Replaces S alone (re-listed after Auto-Subscribe added to it); the counts as for {@link #replaceSnapshot}. */
    void replaceSubscribed(IpRangeSet subscribed, RunSets sets);

    /** The approved IPs not yet added to the subscription (Auto-Subscribe On after approval). */
    IpRangeSet approved();

    /**
     * Writes the approval list a run leaves ({@link Reconciliation#afterRun}, with the approvals as they are at the
     * write), in one transaction.
     *
     * @param allowed A of the run: the IPv4 addresses missing from the subscription, exclusions applied
     * @param added   what the run added to the subscription
     */
    Reconciliation.Approvals approvalsAfterRun(IpRangeSet allowed, IpRangeSet added);

    Optional<DiscoveredGroup> group();

    void adoptGroup(long qualysId, String title);

    void groupVerified();

    void groupPushed(IpRangeSet ips);

    /** Asset Mapping by Zone: the switch and each zone's network and appliance. */
    ZoneSettings zoneSettings();

    /** The zones that hold indexed hosts, in name order. */
    List<String> zones();

    /** I of one zone. */
    InventoryRepository.AddressSnapshot indexedInZone(String zone);

    /** The zone groups on record. */
    List<ZoneGroup> zoneGroups();

    /** The zone's group was created or adopted with this mapping's network and appliance. */
    void zoneGroupRecorded(String zone, long qualysId, String title, ZoneMapping mapping);

    void zoneApplianceSet(String zone, Long applianceId);

    /** The zone's group was given the zone's title anew (the group title setting changed). */
    void zoneGroupRenamed(String zone, String title);

    void zoneGroupPushed(String zone, IpRangeSet ips);

    /** The zone's group was deleted in Qualys (to be created again in another network). */
    void zoneGroupForgotten(String zone);

    /** Marks the groups of zones not in {@code inUse} as orphans, the others as in use. */
    void zoneOrphans(Set<String> inUse);

    /**
     * Takes the lease when it is free or expired (judged by the database's clock).
     *
     * @return the lease's new token, which moved on from every earlier holder's; empty when the lease is taken
     */
    OptionalLong tryAcquireLease(String holder, Duration ttl);

    /**
     * From now on, every write of a run (staging, the snapshot, the subscription, the group record, its own steps)
     * checks in its own transaction that the lease still has this token, and fails with {@link LeaseLostException},
     * rolled back, once it has moved on. The run's end is still recorded, as INTERRUPTED.
     */
    void fence(long token);

    void attachRun(String holder, long runId);

    /** @return false when the lease is no longer {@code holder}'s */
    boolean heartbeat(String holder, Duration ttl);

    void releaseLease(String holder);

    /** The live holder, if the lease is taken and not expired. */
    Optional<SyncLeaseRepository.Holder> lease();

    long startRun(SyncTrigger trigger, String user, String instance);

    void step(long runId, String step);

    void finishRun(long runId, RunReport report);

    Optional<SyncRun> run(long id);

    /** When the newest run paused for the Qualys quota, when it said to try again; empty for any other run. */
    Optional<OffsetDateTime> pausedUntil();

    Optional<OffsetDateTime> lastStart();
}
