package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reconciliation rules against a brute-force model: sets of single addresses from a universe of 24, held in
 * {@link java.util.Set}s. The universe has IPv4 at the bottom and the top of its space, the IPv6 addresses right
 * above IPv4 and ordinary IPv6, so that what may go to Qualys (IPv4 only) is decided where it is delicate.
 */
class ReconciliationPropertyTest {

    private static final List<IpAddress> UNIVERSE = Stream.of(
            block(IpAddress.parse("10.0.0.0"), 8),
            block(IpAddress.parse("255.255.255.248"), 8),
            block(IpAddress.fromBigInteger(IpAddress.MAX_IPV4.toBigInteger().add(BigInteger.ONE)), 4),
            block(IpAddress.parse("2001:db8::"), 4)).flatMap(List::stream).toList();

    /** {@code recent} picks which scanned addresses were scanned recently: F = M ∩ recent. */
    record Case(Set<IpAddress> indexed, Set<IpAddress> subscribed, Set<IpAddress> scanned,
            Set<IpAddress> exclusions, long cap, Set<IpAddress> recent) {

        Set<IpAddress> fresh() {
            Set<IpAddress> f = new HashSet<>(scanned);
            f.retainAll(recent);
            return f;
        }
    }

    private static List<IpAddress> block(IpAddress first, int n) {
        List<IpAddress> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(IpAddress.fromBigInteger(first.toBigInteger().add(BigInteger.valueOf(i))));
        }
        return out;
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Set<IpAddress>> set = Arbitraries.of(UNIVERSE).set().ofMaxSize(UNIVERSE.size());
        return Combinators.combine(set, set, set, set, Arbitraries.longs().between(0, UNIVERSE.size() + 2), set)
                .as(Case::new);
    }

    @Property
    void planAddMatchesTheModel(@ForAll("cases") Case c) {
        Reconciliation.AddPlan plan = Reconciliation.planAdd(rangeSet(c.indexed()), rangeSet(c.subscribed()),
                rangeSet(c.exclusions()), c.cap());

        Set<IpAddress> missing = minus(c.indexed(), c.subscribed());
        Set<IpAddress> missingV4 = ipv4(missing);
        Set<IpAddress> allowed = minus(missingV4, c.exclusions());
        Set<IpAddress> firstAllowed = new HashSet<>(inAddressOrder(allowed).stream().limit(c.cap()).toList());

        assertThat(addresses(plan.toAdd())).isEqualTo(firstAllowed);
        assertThat(plan.wanted()).isEqualTo(BigInteger.valueOf(allowed.size()));
        assertThat(plan.ipv6Skipped()).isEqualTo(BigInteger.valueOf(missing.size() - missingV4.size()));
        assertThat(plan.excluded()).isEqualTo(BigInteger.valueOf(missingV4.size() - allowed.size()));
        assertThat(plan.capped()).isEqualTo(firstAllowed.size() < allowed.size());
    }

    @Property
    void discoveredWithAutoSubscribeOnMatchesTheModel(@ForAll("cases") Case c, @ForAll boolean staleJoin) {
        IpRangeSet d = Reconciliation.discovered(new Reconciliation.DiscoveredRule(true, staleJoin),
                rangeSet(c.indexed()), rangeSet(c.subscribed()), rangeSet(c.scanned()), rangeSet(c.fresh()));

        Set<IpAddress> model = minus(c.subscribed(), c.scanned());
        if (staleJoin) {
            model.addAll(staleModel(c));
        }
        assertThat(addresses(d)).isEqualTo(ipv4(model));
    }

    @Property
    void discoveredWithAutoSubscribeOffMatchesTheModel(@ForAll("cases") Case c, @ForAll boolean staleJoin) {
        IpRangeSet d = Reconciliation.discovered(new Reconciliation.DiscoveredRule(false, staleJoin),
                rangeSet(c.indexed()), rangeSet(c.subscribed()), rangeSet(c.scanned()), rangeSet(c.fresh()));

        Set<IpAddress> indexedAndSubscribed = new HashSet<>(c.indexed());
        indexedAndSubscribed.retainAll(c.subscribed());
        Set<IpAddress> model = minus(indexedAndSubscribed, c.scanned());
        if (staleJoin) {
            model.addAll(staleModel(c));
        }
        assertThat(addresses(d)).isEqualTo(ipv4(model));
    }

    /** The group never holds an address outside the subscription, nor a host scanned recently, nor IPv6. */
    @Property
    void theGroupHoldsNoFreshScanAndNothingUnsubscribed(@ForAll("cases") Case c, @ForAll boolean autoSubscribe,
            @ForAll boolean staleJoin) {
        Set<IpAddress> d = addresses(Reconciliation.discovered(new Reconciliation.DiscoveredRule(autoSubscribe,
                staleJoin), rangeSet(c.indexed()), rangeSet(c.subscribed()), rangeSet(c.scanned()),
                rangeSet(c.fresh())));

        assertThat(c.subscribed()).containsAll(d);
        assertThat(d).noneMatch(c.fresh()::contains);
        assertThat(ipv4(d)).isEqualTo(d);
    }

    /** Indexed and subscribed hosts scanned, but not recently: I ∩ S ∩ (M − F). */
    private static Set<IpAddress> staleModel(Case c) {
        Set<IpAddress> stale = new HashSet<>(c.indexed());
        stale.retainAll(c.subscribed());
        stale.retainAll(c.scanned());
        stale.removeAll(c.fresh());
        return stale;
    }

    @Property
    void aRunThatAddsEverythingLeavesNothingToAddAndPushesOnlyTheUnscanned(@ForAll("cases") Case c) {
        Reconciliation.AddPlan plan = Reconciliation.planAdd(rangeSet(c.indexed()), rangeSet(c.subscribed()),
                IpRangeSet.empty(), UNIVERSE.size());
        IpRangeSet subscribedAfter = rangeSet(c.subscribed()).union(plan.toAdd());

        assertThat(Reconciliation.planAdd(rangeSet(c.indexed()), subscribedAfter, IpRangeSet.empty(),
                UNIVERSE.size()).toAdd().isEmpty()).isTrue();
        Set<IpAddress> d = addresses(Reconciliation.discovered(new Reconciliation.DiscoveredRule(true, false),
                rangeSet(c.indexed()), subscribedAfter, rangeSet(c.scanned()), rangeSet(c.fresh())));
        assertThat(d).containsAll(ipv4(minus(c.indexed(), c.scanned())));
        assertThat(d).noneMatch(c.scanned()::contains);
    }

    @Property
    void thePreviewSetsTheGroupAsIfItsAddHadHappened(@ForAll("cases") Case c, @ForAll boolean autoSubscribe,
            @ForAll boolean staleJoin) {
        Reconciliation.Preview p = Reconciliation.preview(new Reconciliation.DiscoveredRule(autoSubscribe, staleJoin),
                rangeSet(c.indexed()), rangeSet(c.subscribed()), rangeSet(c.scanned()), rangeSet(c.fresh()),
                rangeSet(c.exclusions()), c.cap());

        Set<IpAddress> subscribedAfter = new HashSet<>(c.subscribed());
        Set<IpAddress> base;
        if (autoSubscribe) {
            subscribedAfter.addAll(addresses(p.add().toAdd()));
            base = new HashSet<>(subscribedAfter);
        } else {
            assertThat(p.add()).isNull();
            base = new HashSet<>(c.indexed());
            base.retainAll(c.subscribed());
        }
        Set<IpAddress> stale = new HashSet<>(c.indexed());
        stale.retainAll(subscribedAfter);
        stale.retainAll(c.scanned());
        stale.removeAll(c.fresh());
        Set<IpAddress> group = minus(base, c.scanned());
        if (staleJoin) {
            group.addAll(stale);
        }
        assertThat(addresses(p.stale())).isEqualTo(ipv4(stale));
        assertThat(addresses(p.discovered())).isEqualTo(ipv4(group));
    }

    private static IpRangeSet rangeSet(Set<IpAddress> addresses) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        addresses.forEach(b::add);
        return b.build();
    }

    private static Set<IpAddress> addresses(IpRangeSet set) {
        Set<IpAddress> out = new HashSet<>();
        set.addresses().forEachRemaining(out::add);
        return out;
    }

    private static Set<IpAddress> minus(Set<IpAddress> a, Set<IpAddress> b) {
        Set<IpAddress> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Set<IpAddress> ipv4(Set<IpAddress> a) {
        Set<IpAddress> out = new HashSet<>();
        a.stream().filter(IpAddress::isIpv4).forEach(out::add);
        return out;
    }

    private static List<IpAddress> inAddressOrder(Set<IpAddress> a) {
        TreeSet<IpAddress> sorted = new TreeSet<>(Comparator.comparing(IpAddress::toBigInteger));
        sorted.addAll(a);
        return new ArrayList<>(sorted);
    }
}
