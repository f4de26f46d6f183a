package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.net.IpRangeSet;
import io.assetmanager.qualys.settings.AutoSubscribe;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** What an admin's decision takes as ranges, and the licence effect the Approvals page states. */
class ApprovalServiceTest {

    @Test
    void rangesAreIpsRangesOrCidrBlocksAndABadOneIsNamedWithItsField() throws Exception {
        assertThat(ApprovalService.chosen("Ranges", "10.0.5.0/24\n10.0.6.1, 10.0.7.1-10.0.7.3"))
                .hasToString("10.0.5.0-10.0.5.255,10.0.6.1,10.0.7.1-10.0.7.3");
        assertThatThrownBy(() -> ApprovalService.chosen("Field 'ranges'", "10.0.0.0/33"))
                .isInstanceOf(ApprovalService.DecisionRefused.class)
                .hasMessageContaining("Field 'ranges'").hasMessageContaining("10.0.0.0/33")
                .satisfies(e -> assertThat(((ApprovalService.DecisionRefused) e).field()).isEqualTo("Field 'ranges'"));
        assertThatThrownBy(() -> ApprovalService.chosen("Ranges", " ")).hasMessageStartingWith("Ranges is empty");
        assertThatThrownBy(() -> ApprovalService.chosen("Ranges", "2001:db8::1"))
                .hasMessageContaining("IPv6 is never added");
        assertThatThrownBy(() -> ApprovalService.chosen("Ranges", "10.0.0.1,".repeat(10_000)))
                .hasMessageContaining("at most 65,536 characters");
    }

    @Test
    void theLicenceEffectCountsThePendingAndTheApprovedIps() {
        ApprovalService.Overview o = new ApprovalService.Overview(IpRangeSet.parseList("10.0.0.0/30"),
                IpRangeSet.parseList("10.0.1.1"), BigInteger.valueOf(1_200), AutoSubscribe.AFTER_APPROVAL);
        assertThat(o.licenceEffect()).isEqualTo("The subscription holds 1,200 IPs (last run). Approving every pending"
                + " IP adds 4, beside the 1 approved ones the next run adds: 1,205 subscribed IPs, each a Qualys"
                + " licence.");
    }
}
