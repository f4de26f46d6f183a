package io.assetmanager.qualys.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.qualys.settings.QualysSettingsValidator.FieldError;
import io.assetmanager.qualys.settings.QualysSettingsValidator.InvalidSettingsException;
import io.assetmanager.qualys.settings.QualysSettingsValidator.StoredPassword;
import io.assetmanager.qualys.settings.QualysSettingsValidator.Valid;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QualysSettingsValidatorTest {

    /** A password stored for the server and user of {@link #validForm}. */
    static final StoredPassword STORED = new StoredPassword("qualysapi.qg2.apps.qualys.com", "acme_ab12");

    static QualysSettingsForm validForm() {
        QualysSettingsForm f = new QualysSettingsForm();
        f.setEnabled(true);
        f.setPollingInterval(" 24 ");
        f.setServerName("  qualysapi.qg2.apps.qualys.com ");
        f.setUsername(" acme_ab12 ");
        f.setPassword("s3cret!");
        f.setAutoSubscribe(AutoSubscribe.ON);
        f.setAssetGroupTitle(" Asset Manager_DISCOVERED ");
        f.setExclusions("10.0.5.0/24\n\n  192.168.1.10-192.168.1.20, 172.16.0.1  \n");
        f.setMaxAddPerRun("5000");
        f.setQuotaReservePercent("50");
        f.setStaleAfterDays(" 14 ");
        f.setHoldBelowPercent("50");
        return f;
    }

    static QualysSettingsForm form(Consumer<QualysSettingsForm> change) {
        QualysSettingsForm f = validForm();
        change.accept(f);
        return f;
    }

    static List<FieldError> errors(QualysSettingsForm form, StoredPassword stored, boolean allowPlainHttp) {
        try {
            QualysSettingsValidator.validate(form, stored, allowPlainHttp);
        } catch (InvalidSettingsException e) {
            return e.errors();
        }
        return List.of();
    }

    static List<FieldError> errors(QualysSettingsForm form) {
        return errors(form, STORED, false);
    }

    @Test
    void aValidFormGivesTrimmedValuesAndThePassword() throws Exception {
        Valid valid = QualysSettingsValidator.validate(validForm(), null, false);
        assertThat(valid.values()).isEqualTo(new SettingsValues(true, 24, "qualysapi.qg2.apps.qualys.com", "acme_ab12",
                AutoSubscribe.ON, "Asset Manager_DISCOVERED", "10.0.5.0/24\n192.168.1.10-192.168.1.20, 172.16.0.1", 5000, 50, 14, 50));
        assertThat(valid.password()).containsExactly("s3cret!".toCharArray());
        assertThat(valid.toString()).doesNotContain("s3cret!");
    }

    @Test
    void theHoldThresholdIsAWholePercentFrom0To100() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setHoldBelowPercent(" 0 ")), null, false).values()
                .holdBelowPercent()).isZero();
        assertThat(QualysSettingsValidator.validate(form(f -> f.setHoldBelowPercent("100")), null, false).values()
                .holdBelowPercent()).isEqualTo(100);
        assertThat(errors(form(f -> f.setHoldBelowPercent("101")))).containsExactly(new FieldError(
                SettingsField.HOLD_BELOW, "Hold threshold must be a whole number of percent from 0 to 100, not \"101\""));
        assertThat(errors(form(f -> f.setHoldBelowPercent("half")))).extracting(FieldError::field)
                .containsExactly(SettingsField.HOLD_BELOW);
        assertThat(errors(form(f -> f.setHoldBelowPercent(null)))).extracting(FieldError::field)
                .containsExactly(SettingsField.HOLD_BELOW);
    }

    @Test
    void anEmptyPasswordKeepsTheStoredOneButIsRequiredOnTheFirstSave() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPassword("")), STORED, false).password()).isNull();
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPassword(null)), STORED, false).password()).isNull();
        assertThat(errors(form(f -> f.setPassword("")), null, false)).containsExactly(
                new FieldError(SettingsField.PASSWORD, "Password is required: none is stored yet"));
        assertThat(errors(form(f -> f.setPassword("x".repeat(201))))).extracting(FieldError::field)
                .containsExactly(SettingsField.PASSWORD);
    }

    @Test
    void theStoredPasswordIsKeptOnlyForTheServerAndUserItWasSavedFor() throws Exception {
        assertThat(errors(form(f -> {
            f.setPassword("");
            f.setServerName("listener.attacker.example");
        }), STORED, false)).containsExactly(new FieldError(SettingsField.PASSWORD, "Type the password again: the"
                + " stored password is sent only to the server and username it was saved for, and Server Name changed"));
        assertThat(errors(form(f -> {
            f.setPassword(null);
            f.setUsername("someone_else");
        }), STORED, false)).containsExactly(new FieldError(SettingsField.PASSWORD, "Type the password again: the"
                + " stored password is sent only to the server and username it was saved for, and Username changed"));
        // Typed again, the change is accepted; blanks around the stored values are no change.
        assertThat(QualysSettingsValidator.validate(form(f -> f.setServerName("listener.attacker.example")), STORED,
                false).password()).containsExactly("s3cret!".toCharArray());
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPassword("")),
                new StoredPassword(" qualysapi.qg2.apps.qualys.com", "acme_ab12 "), false).password()).isNull();
    }

    @Test
    void exclusionsAreCappedAndALongRunOfBlanksIsParsedInOnePass() throws Exception {
        String tooLong = "10.0.0.1" + " ".repeat(QualysSettingsValidator.MAX_EXCLUSIONS);
        assertThat(errors(form(f -> f.setExclusions(tooLong)))).containsExactly(new FieldError(
                SettingsField.EXCLUSIONS, "Exclusions must be at most 65,536 characters (it has 65,544): write wider"
                        + " ranges or CIDR blocks"));
        // 60,000 blanks inside the limit: the regular expression this replaced took seconds on 40,000.
        String blanks = "10.0.0.1" + " ".repeat(60_000) + "-" + " ".repeat(1_000) + "10.0.0.9";
        assertThat(QualysSettingsValidator.validate(form(f -> f.setExclusions(blanks)), STORED, false).values()
                .exclusions()).isEqualTo(blanks);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "169", "1.5", "-3", "abc", "", "  ", "99999999999"})
    void theIntervalIsWholeHoursWithinItsBounds(String typed) {
        List<FieldError> errors = errors(form(f -> f.setPollingInterval(typed)));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(SettingsField.POLLING_INTERVAL);
            assertThat(e.message()).startsWith("Polling Interval (by Hour) must be a whole number of hours from 1 to 168");
            if (!typed.isBlank()) {
                assertThat(e.message()).endsWith(", not \"" + typed.strip() + "\"");
            }
        });
    }

    @Test
    void theIntervalBoundsThemselvesAreAccepted() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPollingInterval("1")), STORED, false)
                .values().pollingIntervalHours()).isEqualTo(1);
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPollingInterval("168")), STORED, false)
                .values().pollingIntervalHours()).isEqualTo(168);
    }

    @Test
    void theServerIsAHostOrAnHttpsUrlAndPlainHttpOnlyWhenTheDeploymentAllowsIt() throws Exception {
        assertThat(errors(form(f -> f.setServerName("https://qualysapi.qualys.eu:443")))).isEmpty();
        assertThat(errors(form(f -> f.setServerName("http://127.0.0.1:8089")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("plain http", "only https"));
        assertThat(errors(form(f -> f.setServerName("http://127.0.0.1:8089")), STORED, true)).isEmpty();
        assertThat(errors(form(f -> f.setServerName("ftp://qualysapi.qualys.com")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must be an https:// URL"));
        assertThat(errors(form(f -> f.setServerName("https://qualysapi.qualys.com/api/2.0")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("no user, path or query"));
        assertThat(errors(form(f -> f.setServerName(" ")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is required"));
    }

    @Test
    void theGroupTitleIsRequiredAndFitsItsColumn() throws Exception {
        assertThat(errors(form(f -> f.setAssetGroupTitle("   ")))).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo(
                        "Asset group title is required, e.g. Asset Manager_DISCOVERED"));
        assertThat(errors(form(f -> f.setAssetGroupTitle("t".repeat(256))))).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo(
                        "Asset group title must be at most 255 characters (it has 256)"));
        assertThat(errors(form(f -> f.setAssetGroupTitle("t".repeat(255))))).isEmpty();
    }

    @Test
    void aBadExclusionIsNamedByItsLine() {
        List<FieldError> errors = errors(form(f -> f.setExclusions("10.0.0.0/8\n\n192.168.1.1, 10.0.0.300\n")));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(SettingsField.EXCLUSIONS);
            assertThat(e.message()).startsWith("Line 3: '10.0.0.300' is not a valid IP address, range or CIDR");
        });
    }

    @Test
    void noExclusionsIsStoredAsNothing() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setExclusions(" \n \n")), STORED, false)
                .values().exclusions()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1000001", "ten", "", "2.5"})
    void theCapIsAWholeNumberWithinItsBounds(String typed) {
        assertThat(errors(form(f -> f.setMaxAddPerRun(typed)))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(SettingsField.MAX_ADD_PER_RUN);
            assertThat(e.message()).startsWith("Maximum IPs added per run must be a whole number of IPs from 0 to 1000000");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "3651", "-1", "7.5", "a week"})
    void staleAfterIsAWholeNumberOfDaysWithinItsBounds(String typed) {
        assertThat(errors(form(f -> f.setStaleAfterDays(typed)))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo(SettingsField.STALE_AFTER_DAYS);
            assertThat(e.message()).startsWith("Stale after (days) must be a whole number of days from 1 to 3650");
        });
    }

    @Test
    void staleAfterTakesOneDayToTenYears() throws Exception {
        assertThat(QualysSettingsValidator.validate(validForm(), STORED, false).values().staleAfterDays())
                .isEqualTo(14);
        assertThat(QualysSettingsValidator.validate(form(f -> f.setStaleAfterDays("1")), STORED, false)
                .values().staleAfterDays()).isEqualTo(1);
        assertThat(QualysSettingsValidator.validate(form(f -> f.setStaleAfterDays("3650")), STORED, false)
                .values().staleAfterDays()).isEqualTo(3650);
    }

    @Test
    void staleHostsJoiningTheGroupIsTakenAsTheSwitchSaysAndPreviewedUnsaved() throws Exception {
        assertThat(QualysSettingsValidator.validate(validForm(), STORED, false).values().staleJoinDiscovered())
                .isFalse();
        assertThat(QualysSettingsValidator.validate(form(f -> f.setStaleJoinDiscovered(true)), STORED, false)
                .values().staleJoinDiscovered()).isTrue();
        QualysSettingsValidator.PreviewValues preview = QualysSettingsValidator.previewValues(form(f -> {
            f.setStaleJoinDiscovered(true);
            f.setStaleAfterDays("7");
        }));
        assertThat(preview.staleJoinDiscovered()).isTrue();
        assertThat(preview.staleAfterDays()).isEqualTo(7);
        assertThatThrownBy(() -> QualysSettingsValidator.previewValues(form(f -> f.setStaleAfterDays("0"))))
                .isInstanceOfSatisfying(QualysSettingsValidator.InvalidSettingsException.class, e -> assertThat(
                        e.errors()).extracting(FieldError::field).containsExactly(SettingsField.STALE_AFTER_DAYS));
    }

    @Test
    void zeroAndTheBoundAreAcceptedAsCaps() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setMaxAddPerRun("0")), STORED, false)
                .values().maxAddPerRun()).isZero();
        assertThat(QualysSettingsValidator.validate(form(f -> f.setMaxAddPerRun("1000000")), STORED, false)
                .values().maxAddPerRun()).isEqualTo(1_000_000);
    }

    @Test
    void everyBadFieldIsReportedAtOnceInThePageOrder() {
        QualysSettingsForm bad = form(f -> {
            f.setPollingInterval("0");
            f.setServerName("ftp://x");
            f.setUsername(" ");
            f.setPassword("");
            f.setAssetGroupTitle("");
            f.setExclusions("10.0.0.1\nnot-an-ip");
            f.setMaxAddPerRun("-1");
        });
        assertThatThrownBy(() -> QualysSettingsValidator.validate(bad, null, false))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly(SettingsField.POLLING_INTERVAL,
                                SettingsField.SERVER_NAME, SettingsField.USERNAME, SettingsField.PASSWORD,
                                SettingsField.ASSET_GROUP_TITLE, SettingsField.EXCLUSIONS,
                                SettingsField.MAX_ADD_PER_RUN))
                .hasMessageContaining("Exclusions: Line 2: 'not-an-ip'");
    }

    @Test
    void theFormNeverShowsThePassword() {
        QualysSettingsForm f = validForm();
        assertThat(f.getPassword()).isNull();
        assertThat(f.toString()).doesNotContain("s3cret!").contains("password=(typed)");
        assertThat(f.typedPassword()).isEqualTo("s3cret!");
        f.clearPassword();
        assertThat(f.typedPassword()).isNull();
        assertThat(f.toString()).contains("password=(empty)");
    }
}
