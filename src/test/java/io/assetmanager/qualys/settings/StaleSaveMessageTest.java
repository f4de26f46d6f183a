package io.assetmanager.qualys.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a save refused for a change made after the page was opened says about that change. */
class StaleSaveMessageTest {

    @Test
    void aRejectionOnTheApprovalsPageIsNamedAsTheChangeOfTheExclusionsNotAsASave() {
        QualysSettings now = new QualysSettings() {
        };
        now.markUpdated("alice", OffsetDateTime.parse("2026-12-07T09:15:00Z"));

        assertThat(QualysSettingsService.staleMessage(now, List.of("Exclusions"))).isEqualTo("Nothing was saved:"
                + " alice changed Exclusions at 2026-12-07 09:15 UTC after this page was opened. Reload the page to"
                + " see the values now, then make your change again.");
        assertThat(QualysSettingsService.staleMessage(now, List.of("Auto-Subscribe", "Exclusions")))
                .contains("alice changed Auto-Subscribe, Exclusions at");
        assertThat(QualysSettingsService.staleMessage(now, List.of())).contains("alice changed the settings at");
    }
}
