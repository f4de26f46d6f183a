package io.assetmanager.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.notify.NotificationRules.Baseline;
import io.assetmanager.notify.NotificationRules.Decision;
import io.assetmanager.notify.NotificationRules.Sent;
import io.assetmanager.qualys.sync.SyncOutcome;
import io.assetmanager.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    static final NotificationRules.Settings SETTINGS = new NotificationRules.Settings("https://am.example.com", 90, 5,
            Duration.ofHours(24));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private Baseline baseline = Baseline.NONE;
    private Map<NotificationEvent, Sent> memory = Map.of();
    private boolean first = true;

    private List<Notification> judge(RunFacts run) {
        Decision d = NotificationRules.judge(run, first, baseline, memory, SETTINGS, clock.instant());
        first = false;
        baseline = d.baseline();
        memory = d.memory();
        return d.toSend();
    }

    private static RunFacts succeeded(long id, long indexed, long managed, long unmanaged) {
        return new RunFacts(id, SyncOutcome.SUCCEEDED, null, null, indexed, managed, unmanaged, null);
    }

    private static RunFacts failed(long id, String code, String text) {
        return new RunFacts(id, SyncOutcome.FAILED, code, text, null, null, 0L, null);
    }

    private static List<NotificationEvent> events(List<Notification> sent) {
        return sent.stream().map(Notification::event).toList();
    }

    @Test
    void theFirstRunSendsOneSummaryWithWhatWouldHaveBeenRaised() {
        List<Notification> sent = judge(new RunFacts(1, SyncOutcome.SUCCEEDED, null, null, 1000L, 800L, 120L, 7L));

        assertThat(events(sent)).containsExactly(NotificationEvent.SUMMARY);
        Notification summary = sent.get(0);
        assertThat(summary.message()).contains("Sync run 1 succeeded", "Coverage 80.0 %", "120 IPs unmanaged by Qualys",
                "7 stale hosts", "below the threshold of 90 %");
        assertThat(summary.counts()).containsEntry("indexed", 1000L).containsEntry("managed", 800L)
                .containsEntry("unmanagedByQualys", 120L).containsEntry("staleHosts", 7L);
        assertThat(summary.runId()).isEqualTo(1L);
        assertThat(summary.link()).isEqualTo("https://am.example.com/");

        // The low coverage the summary told of is not sent again at the next run, nothing having changed.
        clock.advance(Duration.ofHours(1));
        assertThat(judge(new RunFacts(2, SyncOutcome.SUCCEEDED, null, null, 1000L, 800L, 120L, 7L))).isEmpty();
    }

    @Test
    void anEventRepeatsAtMostOncePerIntervalUnlessItChanges() {
        judge(succeeded(1, 100, 100, 0));
        clock.advance(Duration.ofHours(1));
        assertThat(events(judge(failed(2, null, "Cannot connect to qualysapi")))).containsExactly(
                NotificationEvent.RUN_FAILED);
        clock.advance(Duration.ofHours(1));
        assertThat(judge(failed(3, null, "Cannot connect to qualysapi"))).as("same error within the interval").isEmpty();
        clock.advance(Duration.ofHours(1));
        List<Notification> changed = judge(failed(4, "999", "Internal error"));
        assertThat(events(changed)).as("another error").containsExactly(NotificationEvent.RUN_FAILED);
        assertThat(changed.get(0).message()).isEqualTo("Sync run 4 failed: code 999: Internal error");
        assertThat(changed.get(0).link()).isEqualTo("https://am.example.com/sync-history.xhtml");
        assertThat(changed.get(0).counts()).containsExactly(Map.entry("unmanagedByQualys", 0L));
        assertThat(changed.get(0).runId()).isEqualTo(4L);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(judge(failed(5, "999", "Internal error"))).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(events(judge(failed(6, "999", "Internal error")))).as("the interval has passed")
                .containsExactly(NotificationEvent.RUN_FAILED);
    }

    @Test
    void credentialsRejectedByCode2000OrHttp401IsItsOwnEvent() {
        judge(succeeded(1, 100, 100, 0));
        List<Notification> sent = judge(failed(2, "2000", "Qualys call \"host list\" failed: Qualys code 2000"
                + " \"Bad Login/Password\" (HTTP 200)"));
        assertThat(events(sent)).containsExactly(NotificationEvent.CREDENTIALS_REJECTED);
        assertThat(sent.get(0).link()).isEqualTo("https://am.example.com/settings/qualys.xhtml");
        assertThat(failed(3, null, "Qualys call \"ip list\" failed (HTTP 401); check user name").credentialsRejected())
                .isTrue();
        assertThat(failed(3, "1960", "Qualys call failed (HTTP 409)").credentialsRejected()).isFalse();
    }

    @Test
    void aPausedRunIsHeldOrPaused() {
        judge(succeeded(1, 100, 100, 0));
        List<Notification> sent = judge(new RunFacts(2, SyncOutcome.PAUSED, null,
                "The Qualys quota left cannot hold this run; it tries again at 11:00", null, null, 0L, null));
        assertThat(events(sent)).containsExactly(NotificationEvent.RUN_HELD_OR_PAUSED);
        assertThat(sent.get(0).message()).startsWith("Sync run 2 paused: The Qualys quota left");
    }

    @Test
    void aHeldRunIsHeldOrPaused() {
        judge(succeeded(1, 100, 100, 0));
        List<Notification> sent = judge(new RunFacts(2, SyncOutcome.HELD, null,
                "Qualys listed 0 scanned addresses where 100 are stored", null, null, 0L, null));
        assertThat(events(sent)).containsExactly(NotificationEvent.RUN_HELD_OR_PAUSED);
        assertThat(sent.get(0).message()).startsWith("Sync run 2 held: Qualys listed 0 scanned addresses");
    }

    @Test
    void coverageBelowTheThresholdOrDownByMoreThanThePointsSinceTheLastRun() {
        judge(succeeded(1, 1000, 990, 0));
        assertThat(judge(succeeded(2, 1000, 950, 0))).as("95 %: above 90, down 4 points").isEmpty();
        List<Notification> dropped = judge(succeeded(3, 1000, 940, 0));
        assertThat(dropped).isEmpty();
        List<Notification> fell = judge(succeeded(4, 1000, 880, 0));
        assertThat(events(fell)).containsExactly(NotificationEvent.COVERAGE_LOW);
        assertThat(fell.get(0).message()).isEqualTo("Coverage is 88.0 % (880 of 1,000 indexed IPs scanned by Qualys),"
                + " below the threshold of 90 %, and down from 94.0 % at the run before.");
        assertThat(fell.get(0).counts()).containsEntry("indexed", 1000L).containsEntry("managed", 880L);
    }

    @Test
    void aDropOfMoreThanThePointsAboveTheThreshold() {
        judge(succeeded(1, 1000, 1000, 0));
        List<Notification> sent = judge(succeeded(2, 1000, 940, 0));
        assertThat(sent).singleElement().satisfies(n -> assertThat(n.message())
                .isEqualTo("Coverage is 94.0 % (940 of 1,000 indexed IPs scanned by Qualys), down from 100.0 % at"
                        + " the run before."));
    }

    @Test
    void newUnmanagedIpsAreCountedWithALinkToTheList() {
        judge(succeeded(1, 100, 100, 10));
        assertThat(judge(succeeded(2, 100, 100, 10))).isEmpty();
        List<Notification> sent = judge(succeeded(3, 100, 100, 1_210));
        assertThat(events(sent)).containsExactly(NotificationEvent.UNMANAGED_GREW);
        assertThat(sent.get(0).message()).isEqualTo("1,200 new IPs unmanaged by Qualys (indexed, not in the"
                + " subscription), 1,210 in all.");
        assertThat(sent.get(0).counts()).containsEntry("new", 1200L).containsEntry("total", 1210L);
        assertThat(sent.get(0).link()).isEqualTo("https://am.example.com/coverage.xhtml?set=unmanaged-by-qualys");
        assertThat(sent.get(0).runId()).isEqualTo(3L);
        assertThat(judge(succeeded(4, 100, 100, 1_000))).as("fewer is no news").isEmpty();
    }

    @Test
    void staleHostsGrowOnlyWhenTheirCountIsKnown() {
        judge(new RunFacts(1, SyncOutcome.SUCCEEDED, null, null, 100L, 100L, 0L, null));
        assertThat(judge(new RunFacts(2, SyncOutcome.SUCCEEDED, null, null, 100L, 100L, 0L, 5L)))
                .as("no count before to compare with").isEmpty();
        List<Notification> sent = judge(new RunFacts(3, SyncOutcome.SUCCEEDED, null, null, 100L, 100L, 0L, 8L));
        assertThat(events(sent)).containsExactly(NotificationEvent.STALE_GREW);
        assertThat(sent.get(0).counts()).containsEntry("new", 3L).containsEntry("total", 8L);
    }

    @Test
    void aFailedRunKeepsTheBaselineOfTheLastRunWithCounts() {
        judge(succeeded(1, 1000, 1000, 0));
        judge(failed(2, null, "down"));
        assertThat(baseline.coveragePercent()).isEqualTo(100.0);
        assertThat(events(judge(succeeded(3, 1000, 900, 0)))).containsExactly(NotificationEvent.COVERAGE_LOW);
    }
}
