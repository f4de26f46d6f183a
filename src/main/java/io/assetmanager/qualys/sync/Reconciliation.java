package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.settings.AutoSubscribe;
import io.assetmanager.sets.SetSpec;
import java.math.BigInteger;

/**
 * The rules of a sync run (DESIGN.md section 2) as set algebra, free of I/O so they can be checked on their own.
 * I = indexed, S = subscribed, M = scanned.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * What Auto-Subscribe On adds: A = I − S, only IPv4 (Qualys's IP endpoints take no IPv6), less the exclusions,
     * cut to the first {@code cap} addresses in address order.
     */
    public static AddPlan planAdd(IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet exclusions, long cap) {
        return planAdd(AutoSubscribe.ON, indexed, subscribed, exclusions, IpRangeSet.empty(), cap);
    }

    /**
     * What a run adds: with On, A = I − S (IPv4 only, less the exclusions); with On after approval only the part of A
     * an admin approved, the rest of A going to the pending list; either cut to the first {@code cap} addresses in
     * address order. Null with Off.
     *
     * @param approved the approved IPs not yet added (ignored unless On after approval)
     */
    public static AddPlan planAdd(AutoSubscribe mode, IpRangeSet indexed, IpRangeSet subscribed,
            IpRangeSet exclusions, IpRangeSet approved, long cap) {
        if (!mode.subscribes()) {
            return null;
        }
        IpRangeSet missing = indexed.difference(subscribed);
        IpRangeSet ipv4 = missing.ipv4();
        IpRangeSet allowed = ipv4.difference(exclusions);
        IpRangeSet addable = mode.needsApproval() ? allowed.intersection(approved) : allowed;
        IpRangeSet pending = mode.needsApproval() ? allowed.difference(approved) : IpRangeSet.empty();
        IpRangeSet capped = firstAddresses(addable, cap);
        return new AddPlan(capped, addable.size(), missing.ipv6().size(), ipv4.size().subtract(allowed.size()),
                !capped.equals(addable), mode.needsApproval(), allowed, pending);
    }

    /**
     * The approval list once a run added {@code added}: approvals stand for IPs still missing ({@code allowed}, A of
     * the run) and not added yet; everything else of A waits for a decision. {@code approvedNow} is read as the list is
     * written, so a decision taken while the run went is kept.
     */
    public static Approvals afterRun(IpRangeSet approvedNow, IpRangeSet allowed, IpRangeSet added) {
        IpRangeSet approved = approvedNow.intersection(allowed).difference(added);
        return new Approvals(allowed.difference(approved).difference(added), approved);
    }

    /** An admin approves the pending IPs among {@code chosen}: they move to the approved list. */
    public static Approvals approve(Approvals list, IpRangeSet chosen) {
        IpRangeSet moved = list.pending().intersection(chosen);
        return new Approvals(list.pending().difference(moved), list.approved().union(moved));
    }

    /**
     * An admin rejects the IPs among {@code chosen}, pending or approved but not yet added: they leave the list (and
     * join the exclusions, {@link #withExclusions}).
     */
    public static Approvals reject(Approvals list, IpRangeSet chosen) {
        return new Approvals(list.pending().difference(chosen), list.approved().difference(chosen));
    }

    /** The exclusions setting with the rejected ranges added at its end, one a line, the admin's lines kept. */
    public static String withExclusions(String exclusions, IpRangeSet rejected) {
        StringBuilder out = new StringBuilder(exclusions == null ? "" : exclusions.strip());
        for (IpRange range : rejected) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(range);
        }
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * How the DISCOVERED group is made up: Auto-Subscribe decides the rule {@link SetSpec#discovered}; with
     * {@code staleJoin} the stale hosts join it ({@link SetSpec#staleJoiningDiscovered}).
     */
    public record DiscoveredRule(boolean autoSubscribe, boolean staleJoin) {
    }

    /**
     * The DISCOVERED group: the rule {@link SetSpec#discovered} (on, D = S' − M; off, D = (I ∩ S) − M), plus, when
     * the rule says so, the stale hosts I ∩ S ∩ (M − F); only IPv4. F is the part of M scanned recently.
     */
    public static IpRangeSet discovered(DiscoveredRule rule, IpRangeSet indexed, IpRangeSet subscribed,
            IpRangeSet scanned, IpRangeSet fresh) {
        IpRangeSet group = SetSpec.discovered(rule.autoSubscribe()).evaluate(indexed, subscribed, scanned).ipv4();
        return rule.staleJoin() ? group.union(staleJoining(indexed, subscribed, scanned, fresh)) : group;
    }

    /**
     * A zone's group with Asset Mapping by Zone On: the DISCOVERED group with I the zone's hosts, and only those
     * hosts. With Auto-Subscribe On the rule (S' − M) names no indexed host, so it would put the same subscribed,
     * unscanned addresses in every zone's group; each zone's group is in its own Qualys network, and an address Asset
     * Manager has in no zone has no network to go to.
     */
    public static IpRangeSet zoneDiscovered(DiscoveredRule rule, IpRangeSet zoneHosts, IpRangeSet subscribed,
            IpRangeSet scanned, IpRangeSet fresh) {
        return discovered(rule, zoneHosts, subscribed, scanned, fresh).intersection(zoneHosts);
    }

    /**
     * The stale hosts that join the group when the setting is On: I ∩ S ∩ (M − F), only IPv4. Apart from the rest of
     * the group: a scanned host is in neither Auto-Subscribe rule's set.
     */
    public static IpRangeSet staleJoining(IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet fresh) {
        return SetSpec.staleJoiningDiscovered().evaluate(indexed, subscribed, scanned, fresh).ipv4();
    }

    /**
     * What the next run would do with the data stored now: the add plan (Auto-Subscribe On, or the approved IPs with
     * On after approval), then the group as it would be set once those addresses are subscribed, and the stale hosts
     * that join it when the setting says so (or would join, were it On). F is the part of M scanned recently.
     */
    public static Preview preview(AutoSubscribe mode, boolean staleJoin, IpRangeSet indexed, IpRangeSet subscribed,
            IpRangeSet scanned, IpRangeSet fresh, IpRangeSet exclusions, IpRangeSet approved, long cap) {
        DiscoveredRule rule = new DiscoveredRule(mode.subscribes(), staleJoin);
        AddPlan plan = planAdd(mode, indexed, subscribed, exclusions, approved, cap);
        IpRangeSet subscribedAfter = plan == null ? subscribed : subscribed.union(plan.toAdd());
        return new Preview(mode, rule, plan, discovered(rule, indexed, subscribedAfter, scanned, fresh),
                staleJoining(indexed, subscribedAfter, scanned, fresh), null);
    }

    /** The preview with Auto-Subscribe On or Off and stale hosts as {@code rule} says. */
    public static Preview preview(DiscoveredRule rule, IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet fresh, IpRangeSet exclusions, long cap) {
        return preview(rule.autoSubscribe() ? AutoSubscribe.ON : AutoSubscribe.OFF, rule.staleJoin(), indexed,
                subscribed, scanned, fresh, exclusions, IpRangeSet.empty(), cap);
    }

    /** The preview with every scanned host recent (no stale host) and stale hosts kept out of the group. */
    public static Preview preview(boolean autoSubscribe, IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet exclusions, long cap) {
        return preview(autoSubscribe ? AutoSubscribe.ON : AutoSubscribe.OFF, indexed, subscribed, scanned, exclusions,
                IpRangeSet.empty(), cap);
    }

    public static Preview preview(AutoSubscribe mode, IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet exclusions, IpRangeSet approved, long cap) {
        return preview(mode, false, indexed, subscribed, scanned, scanned, exclusions, approved, cap);
    }

    /** The first {@code limit} addresses of {@code set}, in address order. */
    static IpRangeSet firstAddresses(IpRangeSet set, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        IpRangeSet.Builder out = IpRangeSet.builder();
        BigInteger left = BigInteger.valueOf(limit);
        for (IpRange range : set) {
            if (left.signum() == 0) {
                break;
            }
            BigInteger size = range.size();
            if (size.compareTo(left) <= 0) {
                out.add(range);
                left = left.subtract(size);
            } else {
                IpAddress last = IpAddress.fromBigInteger(range.first().toBigInteger().add(left).subtract(BigInteger.ONE));
                out.add(new IpRange(range.first(), last));
                left = BigInteger.ZERO;
            }
        }
        return out.build();
    }

    /**
     * @param toAdd        the addresses to add this run
     * @param wanted       how many IPv4 addresses were missing from the subscription, exclusions applied
     * @param ipv6Skipped  IPv6 addresses missing from the subscription that cannot be sent to Qualys
     * @param excluded     IPv4 addresses missing from the subscription but on the exclusion list
     * @param capped       true when the per-run cap held some addresses back for a later run
     * @param approval     true with On after approval: {@code toAdd} and {@code wanted} count approved IPs only
     * @param allowed      A: the IPv4 addresses missing from the subscription, exclusions applied
     * @param pending      the part of A that waits for an admin's decision (empty unless {@code approval})
     */
    public record AddPlan(IpRangeSet toAdd, BigInteger wanted, BigInteger ipv6Skipped, BigInteger excluded,
            boolean capped, boolean approval, IpRangeSet allowed, IpRangeSet pending) {
    }

    /** The approval list: IPs awaiting a decision, and approved IPs a run has not added yet. */
    public record Approvals(IpRangeSet pending, IpRangeSet approved) {
    }

    /**
     * The preview of the next run; {@code add} is null with Auto-Subscribe off, {@code calls} until the Qualys calls
     * are estimated ({@link CallPlan#estimate}). {@code stale} is the stale hosts that join {@code discovered} when
     * the rule lets them, and that would join were it On otherwise.
     */
    public record Preview(AutoSubscribe autoSubscribe, DiscoveredRule rule, AddPlan add, IpRangeSet discovered,
            IpRangeSet stale, CallPlan calls, ZoneGroupsEstimate zones) {

        public Preview(AutoSubscribe autoSubscribe, DiscoveredRule rule, AddPlan add, IpRangeSet discovered,
                IpRangeSet stale, CallPlan calls) {
            this(autoSubscribe, rule, add, discovered, stale, calls, null);
        }

        public Preview withCalls(CallPlan plan) {
            return new Preview(autoSubscribe, rule, add, discovered, stale, plan, zones);
        }

        /** With Asset Mapping by Zone On: what the zone groups would hold (the DISCOVERED group is then not set). */
        public Preview withZones(ZoneGroupsEstimate estimate) {
            return new Preview(autoSubscribe, rule, add, discovered, stale, calls, estimate);
        }
    }
}
