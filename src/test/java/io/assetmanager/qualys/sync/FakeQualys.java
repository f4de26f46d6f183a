package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.AssetGroup;
import io.assetmanager.qualys.api.QualysException;
import io.assetmanager.qualys.api.QualysHost;
import io.assetmanager.qualys.api.QualysHostSink;
import io.assetmanager.qualys.settings.QualysSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    /** Thrown by the first call when set. */
    QualysException refusal;
    boolean closed;

    void addGroup(long id, String title) {
        groups.put(id, new AssetGroup(id, title, IpRangeSet.empty()));
    }

    /** The calls that change something in Qualys. */
    List<String> writes() {
        return calls.stream().filter(c -> c.startsWith("add") || c.startsWith("create") || c.startsWith("replace"))
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
        public long createAssetGroup(String title) throws QualysException {
            call("create group " + title);
            long id = nextGroupId++;
            addGroup(id, title);
            return id;
        }

        @Override
        public void addIps(IpRangeSet ips) throws QualysException {
            call("add " + ips);
            subscription = subscription.union(ips);
        }

        @Override
        public void replaceAssetGroupIps(long id, IpRangeSet ips) throws QualysException {
            call("replace group " + id + " with " + ips);
            AssetGroup g = groups.get(id);
            groups.put(id, new AssetGroup(id, g.title(), ips));
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
