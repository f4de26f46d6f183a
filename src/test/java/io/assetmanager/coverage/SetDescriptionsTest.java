package io.assetmanager.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetDescriptionsTest {

    @Test
    void setNotationFollowsTheMemberships() {
        assertThat(SetDescriptions.notation(CoverageSet.UNMANAGED_BY_QUALYS.spec(false))).isEqualTo("I − S");
        assertThat(SetDescriptions.notation(CoverageSet.MANAGED_BY_BOTH.spec(false))).isEqualTo("I ∩ M");
        assertThat(SetDescriptions.notation(CoverageSet.NOT_SCANNED.spec(false))).isEqualTo("I − M");
        assertThat(SetDescriptions.notation(CoverageSet.DISCOVERED.spec(false))).isEqualTo("(I ∩ S) − M");
        assertThat(SetDescriptions.notation(CoverageSet.DISCOVERED.spec(true))).isEqualTo("S − M");
        assertThat(SetDescriptions.notation(CoverageSet.INDEXED_ONLY.spec(false))).isEqualTo("I − S − M");
        assertThat(SetDescriptions.notation(CoverageSet.ALL_THREE.spec(false))).isEqualTo("I ∩ S ∩ M");
    }

    @Test
    void everySetHasAPlainSentenceWithoutSetNotation() {
        for (CoverageSet set : CoverageSet.values()) {
            for (boolean autoSubscribe : new boolean[] {false, true}) {
                assertThat(SetDescriptions.sentence(set, autoSubscribe)).as(set.key()).endsWith(".")
                        .doesNotContain("∩", "−", " I ", " S ", " M ");
            }
        }
    }
}
