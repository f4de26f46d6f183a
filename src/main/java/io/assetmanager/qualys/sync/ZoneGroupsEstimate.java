package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.platform.Numbers;
import io.assetmanager.qualys.api.RequestSizes;
import io.assetmanager.qualys.zones.ZoneGroup;
import io.assetmanager.qualys.zones.ZonePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the zone groups would hold after the next run, and the Qualys calls that takes, from the stored data: the
 * preview's part with Asset Mapping by Zone On. Plain Java.
 *
 * @param summary    what the run does, in one sentence ({@link ZonePlan#summary})
 * @param lines      one line a zone, in name order: its network and how many IPs its group would hold, or that it is
 *                   not mapped; then the orphans
 * @param all        the addresses of every zone group together
 * @param checkCalls reads to find the groups (one list for those on record, one by title for each other), and the
 *                   creations, deletions and appliance edits
 * @param editCalls  edits of the groups' IPs, by difference against what each held after the last run
 */
public record ZoneGroupsEstimate(String summary, List<String> lines, IpRangeSet all, int checkCalls,
        int editCalls) {

    /**
     * @param groupTitle the group title setting, of which each zone group's title is made
     * @param zoneHosts  I of a zone
     * @param subscribed S as the run would leave it (with what Auto-Subscribe adds)
     */
    public static ZoneGroupsEstimate of(RequestSizes sizes, ZonePlan plan, String groupTitle,
            Function<String, IpRangeSet> zoneHosts, Reconciliation.DiscoveredRule rule, IpRangeSet subscribed,
            IpRangeSet scanned, IpRangeSet fresh) {
        List<String> lines = new ArrayList<>();
        IpRangeSet all = IpRangeSet.empty();
        int check = plan.pushed().stream().anyMatch(t -> t.recorded() != null) ? 1 : 0;
        int edits = 0;
        for (ZonePlan.Target t : plan.pushed()) {
            IpRangeSet wanted = Reconciliation.zoneDiscovered(rule, zoneHosts.apply(t.zone()), subscribed, scanned,
                    fresh);
            all = all.union(wanted);
            ZoneGroup g = t.recorded();
            boolean kept = g != null && g.sameNetwork(t.mapping());
            if (g == null) {
                check += 2;
            } else if (!kept) {
                check += 2;
            } else {
                check += (g.sameAppliance(t.mapping()) ? 0 : 1)
                        + (g.title().equals(ZonePlan.title(groupTitle, t.zone())) ? 0 : 1);
            }
            IpRangeSet holds = kept && g.pushedRanges() != null ? IpRangeSet.parseList(g.pushedRanges())
                    : IpRangeSet.empty();
            edits += sizes.groupEditCalls(holds, wanted);
            lines.add(t.zone() + " → network " + t.mapping().networkId() + ": " + Numbers.grouped(wanted.size())
                    + " IPs" + (g == null ? " (new group)" : kept ? "" : " (new group in the new network)"));
        }
        for (String zone : plan.unmapped()) {
            lines.add(zone + ": not mapped, nothing pushed");
        }
        if (!plan.orphans().isEmpty()) {
            lines.add(plan.orphans().size() + (plan.orphans().size() == 1 ? " orphaned group" : " orphaned groups")
                    + " kept until an admin deletes them");
        }
        return new ZoneGroupsEstimate(plan.summary(), List.copyOf(lines), all, check, edits);
    }
}
