package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.settings.AutoSubscribe;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final IpRangeSet I = IpRangeSet.parseList("10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.1.5, 192.168.1.10");
    private static final IpRangeSet S = IpRangeSet.parseList("10.0.0.0-10.0.0.255, 172.16.0.1");
    private static final IpRangeSet M = IpRangeSet.parseList("10.0.0.2, 172.16.0.1");
    private static final Reconciliation.DiscoveredRule OFF = new Reconciliation.DiscoveredRule(false, false);

    @Test
    void workedExampleWithAutoSubscribeOn() {
        Reconciliation.AddPlan plan = Reconciliation.planAdd(I, S, IpRangeSet.empty(), 10_000);
        assertThat(plan.toAdd()).hasToString("10.0.1.5,192.168.1.10");
        assertThat(plan.capped()).isFalse();

        IpRangeSet subscribedAfter = S.union(plan.toAdd());
        assertThat(subscribedAfter).hasToString("10.0.0.0-10.0.0.255,10.0.1.5,172.16.0.1,192.168.1.10");
        assertThat(Reconciliation.discovered(new Reconciliation.DiscoveredRule(true, false), I, subscribedAfter, M, M))
                .hasToString("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5,192.168.1.10");
    }

    @Test
    void workedExampleWithAutoSubscribeOff() {
        assertThat(Reconciliation.discovered(OFF, I, S, M, M)).hasToString("10.0.0.1,10.0.0.3");
    }

    @Test
    void exclusionsAreNeverAdded() {
        Reconciliation.AddPlan plan = Reconciliation.planAdd(I, S, IpRangeSet.parseList("192.168.0.0/16"), 10_000);
        assertThat(plan.toAdd()).hasToString("10.0.1.5");
        assertThat(plan.excluded()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void theCapKeepsTheFirstAddressesAndSaysSo() {
        IpRangeSet indexed = IpRangeSet.parseList("10.1.0.0/24, 10.2.0.1, 10.3.0.0-10.3.0.9");
        Reconciliation.AddPlan plan = Reconciliation.planAdd(indexed, IpRangeSet.empty(), IpRangeSet.empty(), 260);
        assertThat(plan.toAdd()).hasToString("10.1.0.0-10.1.0.255,10.2.0.1,10.3.0.0-10.3.0.2");
        assertThat(plan.toAdd().size()).isEqualTo(BigInteger.valueOf(260));
        assertThat(plan.wanted()).isEqualTo(BigInteger.valueOf(267));
        assertThat(plan.capped()).isTrue();

        assertThat(Reconciliation.planAdd(indexed, IpRangeSet.empty(), IpRangeSet.empty(), 267).capped()).isFalse();
        assertThat(Reconciliation.planAdd(indexed, IpRangeSet.empty(), IpRangeSet.empty(), 0).toAdd().isEmpty()).isTrue();
    }

    @Test
    void ipv6IsComparedButNeverSent() {
        IpRangeSet indexed = IpRangeSet.parseList("10.0.0.1, 2001:db8::1, 2001:db8::2");
        IpRangeSet subscribed = IpRangeSet.parseList("2001:db8::2");
        Reconciliation.AddPlan plan = Reconciliation.planAdd(indexed, subscribed, IpRangeSet.empty(), 100);
        assertThat(plan.toAdd()).hasToString("10.0.0.1");
        assertThat(plan.ipv6Skipped()).isEqualTo(BigInteger.ONE);
        assertThat(Reconciliation.discovered(OFF, indexed, subscribed, IpRangeSet.empty(),
                IpRangeSet.empty())).isEqualTo(IpRangeSet.empty());
    }

    /**
     * The worked example with 10.0.0.2 scanned long ago (F empty): with the switch On it joins the group, whichever
     * the Auto-Subscribe rule; 172.16.0.1, scanned as long ago but never indexed, does not.
     */
    @Test
    void staleHostsJoinTheGroupOnlyWithTheSwitchOn() {
        IpRangeSet fresh = IpRangeSet.empty();
        assertThat(Reconciliation.discovered(OFF, I, S, M, fresh)).hasToString("10.0.0.1,10.0.0.3");
        assertThat(Reconciliation.discovered(new Reconciliation.DiscoveredRule(false, true), I, S, M, fresh))
                .hasToString("10.0.0.1-10.0.0.3");
        IpRangeSet subscribedAfter = S.union(IpRangeSet.parseList("10.0.1.5, 192.168.1.10"));
        assertThat(Reconciliation.discovered(new Reconciliation.DiscoveredRule(true, true), I, subscribedAfter, M,
                fresh)).hasToString("10.0.0.0-10.0.0.255,10.0.1.5,192.168.1.10");

        // Scanned recently: not stale, stays out.
        assertThat(Reconciliation.discovered(new Reconciliation.DiscoveredRule(false, true), I, S, M, M))
                .hasToString("10.0.0.1,10.0.0.3");
    }

    @Test
    void aStaleHostOutsideTheSubscriptionOrOnIpv6DoesNotJoin() {
        IpRangeSet indexed = IpRangeSet.parseList("10.9.0.1, 10.0.0.7, 2001:db8::7");
        IpRangeSet subscribed = IpRangeSet.parseList("10.0.0.0/24, 2001:db8::/64");
        IpRangeSet scanned = IpRangeSet.parseList("10.9.0.1, 10.0.0.7, 2001:db8::7");
        IpRangeSet fresh = IpRangeSet.empty();
        assertThat(Reconciliation.staleJoining(indexed, subscribed, scanned, fresh)).hasToString("10.0.0.7");
        assertThat(Reconciliation.discovered(new Reconciliation.DiscoveredRule(false, true), indexed, subscribed,
                scanned, fresh)).hasToString("10.0.0.7");
    }

    @Test
    void thePreviewCountsTheStaleHostsWhetherTheyJoinOrNot() {
        IpRangeSet fresh = IpRangeSet.empty();
        Reconciliation.Preview off = Reconciliation.preview(OFF, I, S, M, fresh, IpRangeSet.empty(), 10);
        assertThat(off.stale()).hasToString("10.0.0.2");
        assertThat(off.discovered()).hasToString("10.0.0.1,10.0.0.3");
        Reconciliation.Preview on = Reconciliation.preview(new Reconciliation.DiscoveredRule(false, true), I, S, M,
                fresh, IpRangeSet.empty(), 10);
        assertThat(on.stale()).hasToString("10.0.0.2");
        assertThat(on.discovered()).hasToString("10.0.0.1-10.0.0.3");
    }

    @Test
    void afterApprovalTheMissingHostsWaitAndOnlyApprovedOnesAreAdded() {
        IpRangeSet approved = IpRangeSet.parseList("10.0.1.5, 10.7.0.1");
        Reconciliation.AddPlan plan = Reconciliation.planAdd(AutoSubscribe.AFTER_APPROVAL, I, S,
                IpRangeSet.empty(), approved, 10_000);
        assertThat(plan.toAdd()).as("approved and still missing").hasToString("10.0.1.5");
        assertThat(plan.pending()).hasToString("192.168.1.10");
        assertThat(plan.allowed()).hasToString("10.0.1.5,192.168.1.10");
        assertThat(plan.approval()).isTrue();

        Reconciliation.Preview p = Reconciliation.preview(AutoSubscribe.AFTER_APPROVAL, I, S, M, IpRangeSet.empty(),
                approved, 10_000);
        assertThat(p.discovered()).as("the On rule for what is added").hasToString(
                "10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5");
        assertThat(Reconciliation.planAdd(AutoSubscribe.OFF, I, S, IpRangeSet.empty(), approved, 10)).isNull();
        assertThat(Reconciliation.planAdd(AutoSubscribe.ON, I, S, IpRangeSet.empty(), approved, 10).pending()
                .isEmpty()).isTrue();
    }

    @Test
    void theListAfterARunKeepsApprovalsOfHostsStillMissingAndNotYetAdded() {
        IpRangeSet allowed = IpRangeSet.parseList("10.0.0.0/24");
        Reconciliation.Approvals after = Reconciliation.afterRun(IpRangeSet.parseList("10.0.0.1-10.0.0.9, 10.5.0.1"),
                allowed, IpRangeSet.parseList("10.0.0.1-10.0.0.4"));
        assertThat(after.approved()).hasToString("10.0.0.5-10.0.0.9");
        assertThat(after.pending()).hasToString("10.0.0.0,10.0.0.10-10.0.0.255");
    }

    @Test
    void anApprovalMovesPendingHostsOnlyAndARejectionTakesThemOffTheList() {
        Reconciliation.Approvals list = new Reconciliation.Approvals(IpRangeSet.parseList("10.0.0.0/24"),
                IpRangeSet.parseList("10.1.0.1"));
        Reconciliation.Approvals approved = Reconciliation.approve(list, IpRangeSet.parseList("10.0.0.128/25, 10.9.9.9"));
        assertThat(approved.pending()).hasToString("10.0.0.0-10.0.0.127");
        assertThat(approved.approved()).hasToString("10.0.0.128-10.0.0.255,10.1.0.1");

        Reconciliation.Approvals rejected = Reconciliation.reject(approved, IpRangeSet.parseList("10.0.0.0/26, 10.1.0.1"));
        assertThat(rejected.pending()).hasToString("10.0.0.64-10.0.0.127");
        assertThat(rejected.approved()).hasToString("10.0.0.128-10.0.0.255");
    }

    @Test
    void rejectedRangesAreAddedToTheExclusionsOneALine() {
        IpRangeSet rejected = IpRangeSet.parseList("10.0.0.0-10.0.0.63, 192.168.1.10");
        assertThat(Reconciliation.withExclusions("10.9.0.0/16", rejected))
                .isEqualTo("10.9.0.0/16\n10.0.0.0-10.0.0.63\n192.168.1.10");
        assertThat(Reconciliation.withExclusions(null, rejected)).isEqualTo("10.0.0.0-10.0.0.63\n192.168.1.10");
        assertThat(Reconciliation.withExclusions(null, IpRangeSet.empty())).isNull();
    }
}
