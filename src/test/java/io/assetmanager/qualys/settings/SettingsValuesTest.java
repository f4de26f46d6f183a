package io.assetmanager.qualys.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.assetmanager.qualys.api.QualysException;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail's diff: which fields a save changed, and that the password never leaves a value behind. */
class SettingsValuesTest {

    static final SettingsValues BEFORE = new SettingsValues(false, 24, "qualysapi.qualys.com", "acme_ab12", AutoSubscribe.OFF,
            "Asset Manager_DISCOVERED", null, 10000, 50, 30, 50);

    @Test
    void anUnchangedSaveChangesNothing() {
        assertThat(BEFORE.changesTo(BEFORE, false)).isEmpty();
    }

    @Test
    void blankAndMissingExclusionsAreTheSame() {
        SettingsValues blank = new SettingsValues(false, 24, "qualysapi.qualys.com", "acme_ab12", AutoSubscribe.OFF,
                "Asset Manager_DISCOVERED", " ", 10000, 50, 30, 50);
        assertThat(BEFORE.changesTo(blank, false)).isEmpty();
    }

    @Test
    void everyChangedFieldIsListedWithOldAndNewValuesInThePageOrder() {
        SettingsValues after = new SettingsValues(true, 12, "https://qualysapi.qg2.apps.qualys.com", "acme_cd34",
                AutoSubscribe.ON, "Unscanned", "10.0.5.0/24", 0, 50, 30, 50);
        assertThat(BEFORE.changesTo(after, true)).containsExactly(
                new SettingsChange(SettingsField.ENABLED, "Off", "On"),
                new SettingsChange(SettingsField.POLLING_INTERVAL, "24", "12"),
                new SettingsChange(SettingsField.SERVER_NAME, "qualysapi.qualys.com", "https://qualysapi.qg2.apps.qualys.com"),
                new SettingsChange(SettingsField.USERNAME, "acme_ab12", "acme_cd34"),
                new SettingsChange(SettingsField.PASSWORD, null, null),
                new SettingsChange(SettingsField.AUTO_SUBSCRIBE, "Off", "On"),
                new SettingsChange(SettingsField.ASSET_GROUP_TITLE, "Asset Manager_DISCOVERED", "Unscanned"),
                new SettingsChange(SettingsField.EXCLUSIONS, null, "10.0.5.0/24"),
                new SettingsChange(SettingsField.MAX_ADD_PER_RUN, "10000", "0"));
    }

    @Test
    void onlyThePasswordChanging() {
        List<SettingsChange> changes = BEFORE.changesTo(BEFORE, true);
        assertThat(changes).containsExactly(new SettingsChange(SettingsField.PASSWORD, null, null));
        assertThat(changes.get(0).describe()).isEqualTo("Password changed");
    }

    @Test
    void thePasswordsAuditRowSaysChangedAndHoldsNoValue() {
        SettingsAuditEntry row = new SettingsAuditEntry(OffsetDateTime.now(), "admin",
                new SettingsChange(SettingsField.PASSWORD, "old-secret", "new-secret"));
        assertThat(row.getField()).isEqualTo("Password");
        assertThat(row.getOldValue()).isNull();
        assertThat(row.getNewValue()).isEqualTo("changed");

        SettingsAuditEntry interval = new SettingsAuditEntry(OffsetDateTime.now(), "admin",
                new SettingsChange(SettingsField.POLLING_INTERVAL, "24", "12"));
        assertThat(interval.getField()).isEqualTo("Polling Interval (by Hour)");
        assertThat(interval.getOldValue()).isEqualTo("24");
        assertThat(interval.getNewValue()).isEqualTo("12");
    }

    @Test
    void aChangeReadsLikeThePage() {
        assertThat(new SettingsChange(SettingsField.EXCLUSIONS, null, "10.0.5.0/24").describe())
                .isEqualTo("Exclusions: (empty) → 10.0.5.0/24");
        assertThat(new SettingsChange(SettingsField.ENABLED, "Off", "On").describe()).isEqualTo("Status: Off → On");
    }

    @Test
    void otherServerOrUserIsAnotherConnection() {
        assertThat(BEFORE.sameConnection(BEFORE)).isTrue();
        assertThat(BEFORE.sameConnection(new SettingsValues(true, 1, "qualysapi.qualys.com", "acme_ab12", AutoSubscribe.ON,
                "x", "10.0.0.1", 1, 50, 30, 50))).isTrue();
        assertThat(BEFORE.sameConnection(new SettingsValues(false, 24, "qualysapi.qualys.eu", "acme_ab12", AutoSubscribe.OFF,
                "Asset Manager_DISCOVERED", null, 10000, 50, 30, 50))).isFalse();
        assertThat(BEFORE.sameConnection(new SettingsValues(false, 24, "qualysapi.qualys.com", "other", AutoSubscribe.OFF,
                "Asset Manager_DISCOVERED", null, 10000, 50, 30, 50))).isFalse();
    }

    @Test
    void qualysOwnWordsAreQuotedWithTheCode() {
        assertThat(QualysSettingsService.qualysWords(new QualysException.BadCredentials("test connection", 401, 2000,
                "Bad Login/Password", null))).isEqualTo("Bad Login/Password (code 2000)");
        assertThat(QualysSettingsService.qualysWords(new QualysException.AccountProblem("test connection", 200, 2001,
                "This account has expired.", null))).isEqualTo("This account has expired. (code 2001)");
        assertThat(QualysSettingsService.qualysWords(new QualysException.BadCredentials("test connection", 401, null,
                null, null))).isEqualTo("HTTP 401");
    }
}
