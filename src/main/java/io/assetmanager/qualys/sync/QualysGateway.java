package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.GroupEdits;
import io.assetmanager.qualys.api.GroupScanners;
import io.assetmanager.qualys.api.QualysApi;
import io.assetmanager.qualys.api.RateLimitStatus;
import io.assetmanager.qualys.api.RequestSizes;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHostSink;
import io.assetmanager.qualys.settings.QualysSettings;
import java.util.Optional;
import java.util.function.Consumer;

/** The Qualys calls a sync run makes, and how many it made; close it when the run ends. */
public interface QualysGateway extends AutoCloseable {

    /** Opens a gateway with the credentials of {@code settings}. */
    interface Opener {
        QualysGateway open(QualysSettings settings);
    }

    IpRangeSet listSubscribedIps() throws QualysException;

    /**
     * Streams every scanned host, page by page, into {@code sink}.
     *
     * @return the number of hosts Qualys listed
     */
    long listHosts(QualysHostSink sink) throws QualysException;

    Optional<AssetGroup> findAssetGroupById(long id) throws QualysException;

    Optional<AssetGroup> findAssetGroupByTitle(String title) throws QualysException;

    /** The groups with these IDs that exist, by ID, in as few calls as the list allows. */
    java.util.Map<Long, AssetGroup> findAssetGroupsById(java.util.Collection<Long> ids) throws QualysException;

    /**
     * Creates an empty group.
     *
     * @return its Qualys ID
     */
    long createAssetGroup(String title) throws QualysException;

    /**
     * Creates an empty group in a network, scanned by the given appliances.
     *
     * @return its Qualys ID
     */
    long createAssetGroup(String title, GroupScanners scanners) throws QualysException;

    /** Gives a group another title. */
    void renameAssetGroup(long id, String title) throws QualysException;

    /** Deletes a group; one already gone counts as deleted. */
    void deleteAssetGroup(long id) throws QualysException;

    /** Sets a group's scanner appliances (its network stays). */
    void setAssetGroupAppliances(long id, java.util.List<Long> applianceIds, Long defaultApplianceId)
            throws QualysException;

    void addIps(IpRangeSet ips) throws QualysException;

    /**
     * Sends the edits in order, telling {@code applied} what the group holds after each; when one fails, the group
     * holds what {@code applied} was told last.
     */
    void editAssetGroupIps(long id, IpRangeSet holds, GroupEdits edits, Consumer<IpRangeSet> applied)
            throws QualysException;

    /** The page and request sizes the calls use, for planning them. */
    RequestSizes sizes();

    /** The limit headers of the last answer from {@code api}, {@link RateLimitStatus#NONE} before one. */
    RateLimitStatus limits(QualysApi api);

    /** Requests sent so far, retries included. */
    long callCount();

    /** Seconds spent waiting on Qualys's limits so far. */
    long waitedSeconds();

    @Override
    void close();
}
