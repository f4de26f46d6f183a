package io.assetmanager.qualys.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each field of the settings page described once: its label, its input, and how a change of it is recorded. */
class SettingsFieldTest {

    private static final SettingsValues BEFORE = SettingsValuesTest.BEFORE;

    /** A change of each field and the line the "Saved:" message and the server log show for it. */
    static final Map<SettingsField, Change> ONE_CHANGE_EACH = pairs(
            SettingsField.ENABLED, new Change(v -> SettingsEdit.of(v).enabled(true).values(), "Status: Off → On"),
            SettingsField.POLLING_INTERVAL, new Change(v -> SettingsEdit.of(v).pollingIntervalHours(12).values(),
                    "Polling Interval (by Hour): 24 → 12"),
            SettingsField.SERVER_NAME, new Change(v -> SettingsEdit.of(v).serverName("qualysapi.qualys.eu").values(),
                    "Server Name: qualysapi.qualys.com → qualysapi.qualys.eu"),
            SettingsField.USERNAME, new Change(v -> SettingsEdit.of(v).username("acme_cd34").values(),
                    "Username: acme_ab12 → acme_cd34"),
            SettingsField.AUTO_SUBSCRIBE, new Change(v -> SettingsEdit.of(v).autoSubscribe(true).values(),
                    "Auto-Subscribe: Off → On"),
            SettingsField.ASSET_GROUP_TITLE, new Change(v -> SettingsEdit.of(v).assetGroupTitle("Unscanned").values(),
                    "Asset group title: Asset Manager_DISCOVERED → Unscanned"),
            SettingsField.EXCLUSIONS, new Change(v -> SettingsEdit.of(v).exclusions("10.0.5.0/24\n10.0.6.1").values(),
                    "Exclusions: (empty) → 10.0.5.0/24\n10.0.6.1"),
            SettingsField.MAX_ADD_PER_RUN, new Change(v -> SettingsEdit.of(v).maxAddPerRun(0).values(),
                    "Maximum IPs added per run: 10000 → 0"),
            SettingsField.QUOTA_RESERVE, new Change(v -> SettingsEdit.of(v).quotaReservePercent(20).values(),
                    "Qualys calls kept for other tools: 50 → 20"),
            SettingsField.STALE_AFTER_DAYS, new Change(v -> SettingsEdit.of(v).staleAfterDays(7).values(),
                    "Stale after (days): 30 → 7"),
            SettingsField.STALE_JOIN_DISCOVERED, new Change(v -> SettingsEdit.of(v).staleJoinDiscovered(true).values(),
                    "Stale hosts join the DISCOVERED group: Off → On"),
            SettingsField.HOLD_BELOW, new Change(v -> SettingsEdit.of(v).holdBelowPercent(80).values(),
                    "Hold threshold: 50 → 80"));

    record Change(UnaryOperator<SettingsValues> apply, String described) {
    }

    /** Field, change, field, change...: more pairs than {@code Map.of} takes. */
    private static Map<SettingsField, Change> pairs(Object... fieldsAndChanges) {
        Map<SettingsField, Change> map = new java.util.EnumMap<>(SettingsField.class);
        for (int i = 0; i < fieldsAndChanges.length; i += 2) {
            map.put((SettingsField) fieldsAndChanges[i], (Change) fieldsAndChanges[i + 1]);
        }
        return Map.copyOf(map);
    }

    @Test
    void everyFieldHasItsOwnLabelAndInputInThePageOrder() {
        assertThat(Arrays.stream(SettingsField.values()).map(SettingsField::label)).containsExactly("Status",
                "Polling Interval (by Hour)", "Server Name", "Username", "Password", "Auto-Subscribe",
                "Asset group title", "Exclusions", "Maximum IPs added per run", "Qualys calls kept for other tools",
                "Stale after (days)", "Stale hosts join the DISCOVERED group", "Hold threshold");
        assertThat(Arrays.stream(SettingsField.values()).map(SettingsField::inputId)).containsExactly("enabled",
                "interval", "server", "username", "password", "autoSubscribe", "groupTitle", "exclusions", "maxAdd",
                "quotaReserve", "staleAfterDays", "staleJoinDiscovered", "holdBelow");
    }

    @Test
    void everyFieldButThePasswordIsAValueOfTheSettings() {
        assertThat(Arrays.stream(SettingsField.values()).filter(SettingsField::recordsValue))
                .containsExactlyInAnyOrderElementsOf(ONE_CHANGE_EACH.keySet())
                .hasSize(SettingsValues.class.getRecordComponents().length);
        assertThat(SettingsField.PASSWORD.recordsValue()).isFalse();
        assertThatThrownBy(() -> SettingsField.PASSWORD.recorded(BEFORE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aChangeOfEachFieldIsOneAuditRowThatReadsAsThePageShowsIt() {
        ONE_CHANGE_EACH.forEach((field, change) -> {
            List<SettingsChange> changes = BEFORE.changesTo(change.apply().apply(BEFORE), false);
            assertThat(changes).as(field.name()).singleElement().satisfies(c -> {
                assertThat(c.field()).isEqualTo(field);
                assertThat(c.describe()).isEqualTo(change.described());
                SettingsAuditEntry row = new SettingsAuditEntry(OffsetDateTime.now(), "admin", c);
                assertThat(row.getField()).isEqualTo(field.label());
                assertThat(field.label() + ": " + (row.getOldValue() == null ? "(empty)" : row.getOldValue())
                        + " → " + row.getNewValue()).isEqualTo(change.described());
            });
        });
    }

    @Test
    void theEntityStoresEveryValueItIsGiven() {
        SettingsValues values = new SettingsValues(true, 12, "qualysapi.qualys.eu", "acme_cd34",
                AutoSubscribe.AFTER_APPROVAL, "Unscanned", "10.0.5.0/24", 500, 50, 30, 50, true);
        QualysSettings settings = new QualysSettings();
        settings.setValues(values);
        assertThat(settings.values()).isEqualTo(values);
        settings.setValues(BEFORE);
        assertThat(settings.values()).isEqualTo(BEFORE);
    }

    @Test
    void autoSubscribeIsRecordedByItsLabel() {
        SettingsValues approval = SettingsEdit.of(BEFORE).autoSubscribe(AutoSubscribe.AFTER_APPROVAL).values();
        assertThat(BEFORE.changesTo(approval, false)).singleElement().extracting(SettingsChange::describe)
                .isEqualTo("Auto-Subscribe: Off → On, after approval");
        assertThat(SettingsField.AUTO_SUBSCRIBE.recorded(SettingsEdit.of(BEFORE).autoSubscribe(true).values()))
                .as("as audit rows before the third state recorded it").isEqualTo("On");
    }
}
