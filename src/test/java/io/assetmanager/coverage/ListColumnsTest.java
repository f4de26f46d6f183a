package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The column chooser's choice, kept for the session. */
class ListColumnsTest {

    @Test
    void everyColumnShowsUntilItIsHiddenAndShowsAgainWhenChosen() {
        ListColumns columns = new ListColumns();
        assertThat(ListColumns.CHOOSABLE).allMatch(columns::visible);

        columns.choose("colMac", false);
        columns.choose("colOs", false);
        assertThat(columns.visible("colMac")).isFalse();
        assertThat(columns.visible("colOs")).isFalse();
        assertThat(columns.visible("colHostname")).isTrue();

        columns.choose("colMac", true);
        assertThat(columns.visible("colMac")).isTrue();
    }

    @Test
    void theIpAndUnknownColumnsCannotBeHidden() {
        ListColumns columns = new ListColumns();
        columns.choose("colIp", false);
        columns.choose("x".repeat(10_000), false);
        assertThat(columns.visible("colIp")).isTrue();
        assertThat(columns.visible("x".repeat(10_000))).isTrue();
    }
}
