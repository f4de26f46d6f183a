package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.api.RequestSizes;

/**
 * The Qualys calls a run needs, by what they are for, estimated from the stored snapshot before the run starts (and
 * shown by the preview). The host list is estimated from the hosts of the last snapshot; the rest is exact as long as
 * Qualys's data does not change meanwhile.
 *
 * @param subscription reads of the subscription: one, and one more after adding IPs
 * @param hostList     pages of the host list
 * @param groupCheck   reads (and a create) to find the DISCOVERED group
 * @param subscribe    requests that add IPs to the subscription
 * @param groupEdits   requests that edit the DISCOVERED group's IPs
 */
public record CallPlan(int subscription, int hostList, int groupCheck, int subscribe, int groupEdits,
        boolean zoneGroups) {

    public CallPlan(int subscription, int hostList, int groupCheck, int subscribe, int groupEdits) {
        this(subscription, hostList, groupCheck, subscribe, groupEdits, false);
    }

    /** The plan with the zone groups' calls in place of the DISCOVERED group's (Asset Mapping by Zone On). */
    public CallPlan withZoneGroups(int checkCalls, int editCalls) {
        return new CallPlan(subscription, hostList, checkCalls, subscribe, editCalls, true);
    }

    /**
     * @param preview      what the run would add and set, from the stored data
     * @param scannedHosts hosts in the stored snapshot
     * @param groupKnown   whether a group ID is on record (else it is looked up by title and maybe created)
     * @param groupHolds   what the group held after the last run's edits; null when unknown or new
     */
    public static CallPlan estimate(RequestSizes sizes, Reconciliation.Preview preview, long scannedHosts,
            boolean groupKnown, IpRangeSet groupHolds) {
        int adds = preview.add() == null ? 0 : sizes.ipChunkCount(preview.add().toAdd());
        // The run edits what the group holds by difference; a new group is empty.
        IpRangeSet holds = groupHolds == null ? IpRangeSet.empty() : groupHolds;
        return new CallPlan(adds > 0 ? 2 : 1, sizes.hostPages(scannedHosts), groupKnown ? 1 : 2, adds,
                sizes.groupEditCalls(holds, preview.discovered()));
    }

    public int total() {
        return subscription + hostList + groupCheck + subscribe + groupEdits;
    }

    /** Calls to the subscription's API ({@code /api/2.0/fo/asset/ip/}), which Qualys counts on their own. */
    public int subscriptionApi() {
        return subscription + subscribe;
    }

    /** For the preview and the log, e.g. "13 Qualys calls: 1 to read the subscription, 10 for the host list, ...". */
    public String describe() {
        String group = zoneGroups ? "the zone groups" : "the DISCOVERED group";
        return total() + " Qualys calls: " + subscription + " to read the subscription, " + hostList
                + " for the host list, " + groupCheck + " to find " + group + (zoneGroups ? " (and create, move or"
                + " re-equip them)" : "") + ", " + subscribe + " to add IPs to the subscription and " + groupEdits
                + " to edit " + (zoneGroups ? "their IPs" : "the group")
                + (groupEdits == 0 ? (zoneGroups ? " (they hold those IPs already)" : " (it holds those IPs already)")
                        : "");
    }
}
