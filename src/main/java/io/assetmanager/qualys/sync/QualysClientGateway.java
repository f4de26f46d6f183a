package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.GroupEdits;
import io.assetmanager.qualys.api.QualysApi;
import io.assetmanager.qualys.api.RateLimitStatus;
import io.assetmanager.qualys.api.RequestSizes;
import io.assetmanager.qualys.api.QualysClient;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHostSink;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A sync run's Qualys calls, made with a {@link QualysClient}. */
final class QualysClientGateway implements QualysGateway {

    private final QualysClient client;

    QualysClientGateway(QualysClient client) {
        this.client = client;
    }

    @Override
    public IpRangeSet listSubscribedIps() throws QualysException {
        return client.listSubscribedIps();
    }

    @Override
    public long listHosts(QualysHostSink sink) throws QualysException {
        return client.listHosts(sink).hosts();
    }

    @Override
    public Optional<AssetGroup> findAssetGroupById(long id) throws QualysException {
        return client.findAssetGroupById(id);
    }

    @Override
    public Optional<AssetGroup> findAssetGroupByTitle(String title) throws QualysException {
        return client.findAssetGroupByTitle(title);
    }

    @Override
    public java.util.Map<Long, AssetGroup> findAssetGroupsById(java.util.Collection<Long> ids)
            throws QualysException {
        return client.findAssetGroupsById(ids);
    }

    @Override
    public long createAssetGroup(String title) throws QualysException {
        return client.createAssetGroup(title, IpRangeSet.empty());
    }

    @Override
    public long createAssetGroup(String title, io.assetmanager.qualys.api.GroupScanners scanners)
            throws QualysException {
        return client.createAssetGroup(title, IpRangeSet.empty(), scanners);
    }

    @Override
    public void renameAssetGroup(long id, String title) throws QualysException {
        client.renameAssetGroup(id, title);
    }

    @Override
    public void deleteAssetGroup(long id) throws QualysException {
        client.deleteAssetGroup(id);
    }

    @Override
    public void setAssetGroupAppliances(long id, List<Long> applianceIds, Long defaultApplianceId)
            throws QualysException {
        client.setAssetGroupAppliances(id, applianceIds, defaultApplianceId);
    }

    @Override
    public void addIps(IpRangeSet ips) throws QualysException {
        client.addIps(ips);
    }

    @Override
    public void editAssetGroupIps(long id, IpRangeSet holds, GroupEdits edits, Consumer<IpRangeSet> applied)
            throws QualysException {
        client.editAssetGroupIps(id, holds, edits, applied);
    }

    @Override
    public RequestSizes sizes() {
        return client.sizes();
    }

    @Override
    public RateLimitStatus limits(QualysApi api) {
        return client.limits(api);
    }

    @Override
    public long callCount() {
        return client.callCount();
    }

    @Override
    public long waitedSeconds() {
        return client.waitedSeconds();
    }

    @Override
    public void close() {
        client.close();
    }
}
