package io.assetmanager.qualys.sync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.sync.Reconciliation;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.qualys.sync.SyncRun;
import io.assetmanager.qualys.sync.SyncScheduler.Status;
import io.assetmanager.qualys.sync.SyncTrigger;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Sync status panel's lines, as the settings page and the Sync history page show them. */
class SyncStatusViewTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-06T15:04:30Z");

    static Status status(boolean enabled, boolean rejected, SyncRun running, SyncRun last, OffsetDateTime next) {
        return new Status(enabled, rejected, Optional.ofNullable(running), Optional.ofNullable(last),
                Optional.ofNullable(next));
    }

    @Test
    void aRunInProgressSaysItsStepWhoStartedItWhenAndWhere() {
        SyncRun run = new SyncRun(SyncTrigger.MANUAL, "admin", "node-1",
                OffsetDateTime.parse("2026-12-06T16:00:00+01:00"));
        run.setCurrentStep("Fetching the scanned hosts");
        assertThat(SyncStatusView.state(status(true, false, run, null, null))).startsWith(
                "Running: Fetching the scanned hosts (run ").endsWith(
                ", started by admin at 2026-12-06 15:00 UTC on node-1).");

        SyncRun timer = new SyncRun(SyncTrigger.TIMER, null, "node-2", NOW);
        assertThat(SyncStatusView.state(status(true, false, timer, null, null))).startsWith("Running: starting")
                .contains("started by the polling timer at 2026-12-06 15:04 UTC on node-2");
    }

    @Test
    void offAndRefusedCredentialsComeFirstThenARunInProgress() {
        SyncRun run = new SyncRun(SyncTrigger.TIMER, null, "node-1", NOW);
        assertThat(SyncStatusView.state(status(false, false, run, null, null))).startsWith("Off");
        assertThat(SyncStatusView.state(status(true, true, run, null, null))).startsWith("Stopped");
    }

    @Test
    void withoutARunTheStateSaysOffStoppedOrOn() {
        assertThat(SyncStatusView.state(status(false, false, null, null, null)))
                .isEqualTo("Off: no runs are scheduled.");
        assertThat(SyncStatusView.state(status(true, true, null, null, null))).isEqualTo("Stopped: Qualys refused the"
                + " stored credentials. The scheduler will not use them until the server name, username or password"
                + " change.");
        assertThat(SyncStatusView.state(status(true, false, null, null, NOW))).isEqualTo(
                "On: no run in progress; waiting for the next run.");
    }

    @Test
    void theLastRunSaysHowItEndedAndWhen() {
        assertThat(SyncStatusView.lastRun(status(true, false, null, null, null))).isEqualTo("None yet.");

        SyncRun ok = new SyncRun(SyncTrigger.TIMER, null, "node-1", NOW.minusMinutes(5));
        ok.finish(SyncOutcome.SUCCEEDED, NOW, null, null);
        assertThat(SyncStatusView.lastRun(status(true, false, null, ok, null)))
                .startsWith("Run ").endsWith(" succeeded at 2026-12-06 15:04 UTC.");

        SyncRun failed = new SyncRun(SyncTrigger.MANUAL, "admin", "node-1", NOW.minusMinutes(5));
        failed.finish(SyncOutcome.FAILED, NOW, "2000", "Bad Login/Password");
        assertThat(SyncStatusView.lastRun(status(true, false, null, failed, null)))
                .endsWith(" failed at 2026-12-06 15:04 UTC: Bad Login/Password");
    }

    @Test
    void theNextRunIsATimeDueNowOrNone() {
        assertThat(SyncStatusView.nextRun(status(true, false, null, null, NOW.plusHours(12)), NOW))
                .isEqualTo("2026-12-07 03:04 UTC");
        assertThat(SyncStatusView.nextRun(status(true, false, null, null, NOW.minusSeconds(1)), NOW))
                .isEqualTo("Due now.");
        assertThat(SyncStatusView.nextRun(status(false, false, null, null, null), NOW)).isEqualTo("None scheduled.");
    }

    @Test
    void thePreviewSaysHowManyStaleHostsJoinOrWouldJoin() {
        IpRangeSet i = IpRangeSet.parseList("10.0.0.1, 10.0.0.2, 10.0.0.3");
        IpRangeSet s = IpRangeSet.parseList("10.0.0.0/24");
        IpRangeSet m = IpRangeSet.parseList("10.0.0.2, 10.0.0.3");
        Reconciliation.Preview on = Reconciliation.preview(new Reconciliation.DiscoveredRule(false, true), i, s, m,
                IpRangeSet.empty(), IpRangeSet.empty(), 0);
        assertThat(SyncStatusView.stale(on, 30)).isEqualTo("Of these, 2 stale hosts (indexed and subscribed, scanned"
                + " but not in the last 30 days) join because \"Stale hosts join the DISCOVERED group\" is On.");
        Reconciliation.Preview off = Reconciliation.preview(new Reconciliation.DiscoveredRule(false, false), i, s, m,
                IpRangeSet.parseList("10.0.0.3"), IpRangeSet.empty(), 0);
        assertThat(SyncStatusView.stale(off, 1)).isEqualTo("\"Stale hosts join the DISCOVERED group\" is Off: 1 stale"
                + " host (indexed and subscribed, scanned but not in the last day) would join were it On.");
    }
}
