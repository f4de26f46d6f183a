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
     * The DISCOVERED group: the rule {@link SetSpec#discovered} (on, D = S' − M; off, D = (I ∩ S) − M), only IPv4.
     */
    public static IpRangeSet discovered(boolean autoSubscribe, IpRangeSet indexed, IpRangeSet subscribed,
            IpRangeSet scanned) {
        return SetSpec.discovered(autoSubscribe).evaluate(indexed, subscribed, scanned).ipv4();
    }

    /**
     * What the next run would do with the data stored now: the add plan (Auto-Subscribe on), then the group as it
     * would be set once those addresses are subscribed.
     */
    public static Preview preview(boolean autoSubscribe, IpRangeSet indexed, IpRangeSet subscribed, IpRangeSet scanned,
            IpRangeSet exclusions, long cap) {
        AddPlan plan = autoSubscribe ? planAdd(indexed, subscribed, exclusions, cap) : null;
        IpRangeSet subscribedAfter = plan == null ? subscribed : subscribed.union(plan.toAdd());
        return new Preview(autoSubscribe, plan, discovered(autoSubscribe, indexed, subscribedAfter, scanned), null);
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
     * are estimated ({@link CallPlan#estimate}).
     */
    public record Preview(boolean autoSubscribe, AddPlan add, IpRangeSet discovered, CallPlan calls) {

        public Preview withCalls(CallPlan plan) {
            return new Preview(autoSubscribe, add, discovered, plan);
        }
    }
}
