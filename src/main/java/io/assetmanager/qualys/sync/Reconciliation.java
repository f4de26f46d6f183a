package io.assetmanager.qualys.sync;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRange;
import io.assetmanager.net.IpRangeSet;
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
     * What Auto-Subscribe adds: A = I − S, only IPv4 (Qualys's IP endpoints take no IPv6), less the exclusions,
     * cut to the first {@code cap} addresses in address order.
     */
    public static AddPlan planAdd(IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet exclusions, long cap) {
        IpRangeSet missing = indexed.difference(subscribed);
        IpRangeSet ipv4 = missing.ipv4();
        IpRangeSet allowed = ipv4.difference(exclusions);
        IpRangeSet capped = firstAddresses(allowed, cap);
        return new AddPlan(capped, allowed.size(), missing.ipv6().size(), ipv4.size().subtract(allowed.size()),
                !capped.equals(allowed));
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
     * The stale hosts that join the group when the setting is On: I ∩ S ∩ (M − F), only IPv4. Apart from the rest of
     * the group: a scanned host is in neither Auto-Subscribe rule's set.
     */
    public static IpRangeSet staleJoining(IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet fresh) {
        return SetSpec.staleJoiningDiscovered().evaluate(indexed, subscribed, scanned, fresh).ipv4();
    }

    /**
     * What the next run would do with the data stored now: the add plan (Auto-Subscribe on), then the group as it
     * would be set once those addresses are subscribed, and the stale hosts that join it when the rule says so (or
     * would join, were it On).
     */
    public static Preview preview(DiscoveredRule rule, IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet fresh, IpRangeSet exclusions, long cap) {
        AddPlan plan = rule.autoSubscribe() ? planAdd(indexed, subscribed, exclusions, cap) : null;
        IpRangeSet subscribedAfter = plan == null ? subscribed : subscribed.union(plan.toAdd());
        return new Preview(rule, plan, discovered(rule, indexed, subscribedAfter, scanned, fresh),
                staleJoining(indexed, subscribedAfter, scanned, fresh), null);
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
     */
    public record AddPlan(IpRangeSet toAdd, BigInteger wanted, BigInteger ipv6Skipped, BigInteger excluded,
            boolean capped) {
    }

    /**
     * The preview of the next run; {@code add} is null with Auto-Subscribe off, {@code calls} until the Qualys calls
     * are estimated ({@link CallPlan#estimate}). {@code stale} is the stale hosts that join {@code discovered} when
     * the rule lets them, and that would join were it On otherwise.
     */
    public record Preview(DiscoveredRule rule, AddPlan add, IpRangeSet discovered, IpRangeSet stale, CallPlan calls) {

        public boolean autoSubscribe() {
            return rule.autoSubscribe();
        }

        public Preview withCalls(CallPlan plan) {
            return new Preview(rule, add, discovered, stale, plan);
        }
    }
}
