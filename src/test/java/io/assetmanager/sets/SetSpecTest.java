package io.assetmanager.sets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.net.IpAddress;
import io.assetmanager.net.IpRangeSet;
import org.junit.jupiter.api.Test;

/** The set rules evaluated over ranges, on DESIGN.md's worked example (the coverage tests' expectations). */
class SetSpecTest {

    private static final IpRangeSet I = IpRangeSet.parseList("10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.1.5, 192.168.1.10");
    private static final IpRangeSet S = IpRangeSet.parseList("10.0.0.0-10.0.0.255, 172.16.0.1");
    private static final IpRangeSet M = IpRangeSet.parseList("10.0.0.2, 172.16.0.1");
    /** The subscription after Auto-Subscribe added A = I − S. */
    private static final IpRangeSet S_AFTER_ADD = S.union(IpRangeSet.parseList("10.0.1.5, 192.168.1.10"));

    private static SetSpec spec(Membership i, Membership s, Membership m) {
        return new SetSpec(i, s, m);
    }

    /** The worked example with 10.0.0.2 scanned recently and 172.16.0.1 scanned, but not in the last N days. */
    private static final IpRangeSet F = IpRangeSet.parseList("10.0.0.2");

    @Test
    void staleHostsAreIndexedAndScannedButNotRecently() {
        SetSpec stale = new SetSpec(Membership.IN, Membership.ANY, Membership.IN, Membership.OUT);
        assertThat(stale.evaluate(I, S, M, F).isEmpty()).as("10.0.0.2 was scanned recently").isTrue();
        assertThat(stale.evaluate(I, S, M, IpRangeSet.parseList("172.16.0.1"))).hasToString("10.0.0.2");
        // Not scanned recently, whether scanned long ago or never: every indexed host but the fresh one.
        assertThat(new SetSpec(Membership.IN, Membership.ANY, Membership.ANY, Membership.OUT).evaluate(I, S, M, F))
                .hasToString("10.0.0.1,10.0.0.3,10.0.1.5,192.168.1.10");
        assertThat(new SetSpec(Membership.ANY, Membership.ANY, Membership.IN, Membership.OUT).evaluate(I, S, M, F))
                .hasToString("172.16.0.1");
    }

    @Test
    void aSetThatDependsOnTheScansAgeNeedsFAndLiesInM() {
        SetSpec stale = new SetSpec(Membership.IN, Membership.ANY, Membership.IN, Membership.OUT);
        assertThatThrownBy(() -> stale.evaluate(I, S, M)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give F too");
        assertThatThrownBy(() -> new SetSpec(Membership.IN, Membership.ANY, Membership.OUT, Membership.IN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("F lies inside M");
        assertThat(stale.containsRegion(true, false, true, false)).isTrue();
        assertThat(stale.containsRegion(true, false, true, true)).isFalse();
        assertThat(SetSpec.discovered(false).freshScan()).isEqualTo(Membership.ANY);
    }

    @Test
    void theWidgetsOfTheWorkedExample() {
        assertThat(spec(Membership.IN, Membership.OUT, Membership.ANY).evaluate(I, S, M))
                .hasToString("10.0.1.5,192.168.1.10");
        assertThat(spec(Membership.OUT, Membership.ANY, Membership.IN).evaluate(I, S, M)).hasToString("172.16.0.1");
        assertThat(spec(Membership.IN, Membership.ANY, Membership.IN).evaluate(I, S, M)).hasToString("10.0.0.2");
    }

    @Test
    void theRegionsOfTheWorkedExample() {
        assertThat(spec(Membership.OUT, Membership.IN, Membership.OUT).evaluate(I, S, M))
                .hasToString("10.0.0.0,10.0.0.4-10.0.0.255");
        assertThat(spec(Membership.IN, Membership.IN, Membership.IN).evaluate(I, S, M)).hasToString("10.0.0.2");
        assertThat(spec(Membership.OUT, Membership.IN, Membership.IN).evaluate(I, S, M)).hasToString("172.16.0.1");
        assertThat(spec(Membership.IN, Membership.OUT, Membership.IN).evaluate(I, S, M).isEmpty()).isTrue();
        assertThat(spec(Membership.ANY, Membership.IN, Membership.ANY).evaluate(I, S, M).size()).isEqualTo(257);
    }

    @Test
    void discoveredWithAutoSubscribeOffIsTheIndexedSubscriptionLessTheScannedHosts() {
        assertThat(SetSpec.discovered(false).evaluate(I, S, M)).hasToString("10.0.0.1,10.0.0.3");
    }

    @Test
    void discoveredWithAutoSubscribeOnIsTheSubscriptionAfterTheAddLessTheScannedHosts() {
        assertThat(SetSpec.discovered(true).evaluate(I, S_AFTER_ADD, M))
                .hasToString("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5,192.168.1.10");
    }

    @Test
    void evaluationKeepsIpv6AndNeverExpandsARange() {
        IpRangeSet subscribed = IpRangeSet.parseList("0.0.0.0-255.255.255.255, 2001:db8::/32");
        IpRangeSet scanned = IpRangeSet.parseList("10.0.0.7, 2001:db8::1");
        IpRangeSet d = SetSpec.discovered(true).evaluate(IpRangeSet.parseList("10.0.0.1"), subscribed, scanned);
        assertThat(d.rangeCount()).isEqualTo(4);
        assertThat(d.contains(IpAddress.parse("2001:db8::2"))).isTrue();
        assertThat(d.contains(IpAddress.parse("10.0.0.7"))).isFalse();
    }

    @Test
    void aSetOutsideIndexedSubscribedAndScannedIsRefused() {
        assertThatThrownBy(() -> spec(Membership.OUT, Membership.ANY, Membership.OUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
