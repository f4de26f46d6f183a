package io.assetmanager.qualys.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.qualys.settings.QualysSettingsValidator.FieldError;
import io.assetmanager.qualys.settings.QualysSettingsValidator.InvalidSettingsException;
import io.assetmanager.qualys.settings.QualysSettingsValidator.Valid;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QualysSettingsValidatorTest {

    static QualysSettingsForm validForm() {
        QualysSettingsForm f = new QualysSettingsForm();
        f.setEnabled(true);
        f.setPollingInterval(" 24 ");
        f.setServerName("  qualysapi.qg2.apps.qualys.com ");
        f.setUsername(" acme_ab12 ");
        f.setPassword("s3cret!");
        f.setAutoSubscribe(true);
        f.setAssetGroupTitle(" Asset Manager_DISCOVERED ");
        f.setExclusions("10.0.5.0/24\n\n  192.168.1.10-192.168.1.20, 172.16.0.1  \n");
        f.setMaxAddPerRun("5000");
        return f;
    }

    static QualysSettingsForm form(Consumer<QualysSettingsForm> change) {
        QualysSettingsForm f = validForm();
        change.accept(f);
        return f;
    }

    static List<FieldError> errors(QualysSettingsForm form, boolean passwordStored, boolean allowPlainHttp) {
        try {
            QualysSettingsValidator.validate(form, passwordStored, allowPlainHttp);
        } catch (InvalidSettingsException e) {
            return e.errors();
        }
        return List.of();
    }

    static List<FieldError> errors(QualysSettingsForm form) {
        return errors(form, true, false);
    }

    @Test
    void aValidFormGivesTrimmedValuesAndThePassword() throws Exception {
        Valid valid = QualysSettingsValidator.validate(validForm(), false, false);
        assertThat(valid.values()).isEqualTo(new SettingsValues(true, 24, "qualysapi.qg2.apps.qualys.com", "acme_ab12",
                true, "Asset Manager_DISCOVERED", "10.0.5.0/24\n192.168.1.10-192.168.1.20, 172.16.0.1", 5000));
        assertThat(valid.password()).containsExactly("s3cret!".toCharArray());
        assertThat(valid.toString()).doesNotContain("s3cret!");
    }

    @Test
    void anEmptyPasswordKeepsTheStoredOneButIsRequiredOnTheFirstSave() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPassword("")), true, false).password()).isNull();
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPassword(null)), true, false).password()).isNull();
        assertThat(errors(form(f -> f.setPassword("")), false, false)).containsExactly(
                new FieldError(SettingsField.PASSWORD, "Password is required: none is stored yet"));
        assertThat(errors(form(f -> f.setPassword("x".repeat(201))))).extracting(FieldError::field)
                .containsExactly(SettingsField.PASSWORD);
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
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPollingInterval("1")), true, false)
                .values().pollingIntervalHours()).isEqualTo(1);
        assertThat(QualysSettingsValidator.validate(form(f -> f.setPollingInterval("168")), true, false)
                .values().pollingIntervalHours()).isEqualTo(168);
    }

    @Test
    void theServerIsAHostOrAnHttpsUrlAndPlainHttpOnlyWhenTheDeploymentAllowsIt() throws Exception {
        assertThat(errors(form(f -> f.setServerName("https://qualysapi.qualys.eu:443")))).isEmpty();
        assertThat(errors(form(f -> f.setServerName("http://127.0.0.1:8089")))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("plain http", "only https"));
        assertThat(errors(form(f -> f.setServerName("http://127.0.0.1:8089")), true, true)).isEmpty();
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
        assertThat(QualysSettingsValidator.validate(form(f -> f.setExclusions(" \n \n")), true, false)
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

    @Test
    void zeroAndTheBoundAreAcceptedAsCaps() throws Exception {
        assertThat(QualysSettingsValidator.validate(form(f -> f.setMaxAddPerRun("0")), true, false)
                .values().maxAddPerRun()).isZero();
        assertThat(QualysSettingsValidator.validate(form(f -> f.setMaxAddPerRun("1000000")), true, false)
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
        assertThatThrownBy(() -> QualysSettingsValidator.validate(bad, false, false))
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
