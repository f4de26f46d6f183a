package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.GroupEdits;
import io.assetmanager.qualys.api.QualysApi;
import io.assetmanager.qualys.api.RateLimitStatus;
import io.assetmanager.qualys.api.RequestSizes;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.api.QualysHostSink;
import io.assetmanager.qualys.settings.QualysSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A Qualys subscription in memory that logs every call a run makes. */
final class FakeQualys implements QualysGateway.Opener {

    IpRangeSet subscription = IpRangeSet.empty();
    final List<QualysHost> hosts = new ArrayList<>();
    final Map<Long, AssetGroup> groups = new LinkedHashMap<>();
    private long nextGroupId = 1000;
    final List<String> calls = new ArrayList<>();
    /** Runs while the host list streams in: what happens elsewhere meanwhile. */
    Runnable duringHostList = () -> {
    };
    /** When set, the host list fails with it after every host was handed on (a connection cut at the end). */
    QualysException hostListFailure;
    /** The page and request sizes the gateway plans with. */
    RequestSizes sizes = new RequestSizes(1000, RequestSizes.DEFAULT_MAX_POST_BYTES);
    /** What each API's last answer said about the quota left. */
    final Map<QualysApi, RateLimitStatus> limits = new EnumMap<>(QualysApi.class);
    /** When set, the group edit after {@link #editsLeft} successful ones fails with it. */
    QualysException editFailure;
    int editsLeft;
    /** Thrown by the first call when set. */
    QualysException refusal;
    boolean closed;

    void addGroup(long id, String title) {
        groups.put(id, new AssetGroup(id, title, IpRangeSet.empty()));
    }

    /** The calls that change something in Qualys. */
    List<String> writes() {
        return calls.stream().filter(c -> c.startsWith("add") || c.startsWith("create") || c.startsWith("edit")
                        || c.startsWith("delete") || c.startsWith("set ") || c.startsWith("rename"))
                .toList();
    }

    @Override
    public QualysGateway open(QualysSettings settings) {
        closed = false;
        return new Gateway();
    }

    private final class Gateway implements QualysGateway {

        private void call(String call) throws QualysException {
            calls.add(call);
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public IpRangeSet listSubscribedIps() throws QualysException {
            call("list subscribed IPs");
            return subscription;
        }

        @Override
        public long listHosts(QualysHostSink sink) throws QualysException {
            call("list hosts");
            duringHostList.run();
            hosts.forEach(sink::accept);
            if (hostListFailure != null) {
                throw hostListFailure;
            }
            return hosts.size();
        }

        @Override
        public Optional<AssetGroup> findAssetGroupById(long id) throws QualysException {
            call("find group " + id);
            return Optional.ofNullable(groups.get(id));
        }

        @Override
        public Optional<AssetGroup> findAssetGroupByTitle(String title) throws QualysException {
            call("find group " + title);
            return groups.values().stream().filter(g -> g.title().equals(title)).findFirst();
        }

        @Override
        public Map<Long, AssetGroup> findAssetGroupsById(java.util.Collection<Long> ids) throws QualysException {
            call("find groups " + ids.stream().sorted().toList());
            Map<Long, AssetGroup> out = new LinkedHashMap<>();
            ids.stream().sorted().filter(groups::containsKey).forEach(id -> out.put(id, groups.get(id)));
            return out;
        }

        @Override
        public long createAssetGroup(String title) throws QualysException {
            call("create group " + title);
            long id = nextGroupId++;
            addGroup(id, title);
            return id;
        }

        @Override
        public long createAssetGroup(String title, io.assetmanager.qualys.api.GroupScanners scanners)
                throws QualysException {
            call("create group " + title + " in network " + scanners.networkId());
            long id = nextGroupId++;
            groups.put(id, new AssetGroup(id, title, IpRangeSet.empty(), scanners.networkId(),
                    scanners.defaultApplianceId(), scanners.applianceIds()));
            return id;
        }

        @Override
        public void renameAssetGroup(long id, String title) throws QualysException {
            call("rename group " + id + " to " + title);
            AssetGroup g = groups.get(id);
            groups.put(id, new AssetGroup(id, title, g.ips(), g.networkId(), g.defaultApplianceId(), g.applianceIds()));
        }

        @Override
        public void deleteAssetGroup(long id) throws QualysException {
            call("delete group " + id);
            groups.remove(id);
        }

        @Override
        public void setAssetGroupAppliances(long id, java.util.List<Long> applianceIds, Long defaultApplianceId)
                throws QualysException {
            call("set appliances of group " + id + " " + applianceIds);
            AssetGroup g = groups.get(id);
            groups.put(id, new AssetGroup(id, g.title(), g.ips(), g.networkId(), defaultApplianceId, applianceIds));
        }

        @Override
        public void addIps(IpRangeSet ips) throws QualysException {
            call("add " + ips);
            subscription = subscription.union(ips);
        }

        @Override
        public void editAssetGroupIps(long id, IpRangeSet holds, GroupEdits edits, Consumer<IpRangeSet> applied)
                throws QualysException {
            for (GroupEdits.Edit e : edits.edits()) {
                if (editFailure != null && editsLeft-- <= 0) {
                    calls.add("edit group " + id + " " + e.parameter() + " " + e.ips() + " (failed)");
                    throw editFailure;
                }
                call("edit group " + id + " " + e.parameter() + " " + e.ips());
                AssetGroup g = groups.get(id);
                IpRangeSet after = e.applyTo(g.ips());
                groups.put(id, new AssetGroup(id, g.title(), after, g.networkId(), g.defaultApplianceId(), g.applianceIds()));
                applied.accept(after);
            }
        }

        @Override
        public RequestSizes sizes() {
            return sizes;
        }

        @Override
        public RateLimitStatus limits(QualysApi api) {
            return limits.getOrDefault(api, RateLimitStatus.NONE);
        }

        @Override
        public long callCount() {
            return calls.size();
        }

        @Override
        public long waitedSeconds() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
