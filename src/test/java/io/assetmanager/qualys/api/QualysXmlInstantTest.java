package io.assetmanager.qualys.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scan dates as the host list gives them: the usual form read fast, every other form as before. */
class QualysXmlInstantTest {

    @Test
    void theUsualFormReadsAsTheGeneralParserReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant expected = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 8_000_000_000L));
            assertThat(QualysXml.instant(expected.toString())).isEqualTo(expected);
        }
        assertThat(QualysXml.instant("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @Test
    void otherFormsAndMistakes() {
        assertThat(QualysXml.instant("2017-02-05t19:48:17z")).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));
        assertThat(QualysXml.instant(" 2017-02-05T19:48:\n17Z ")).isEqualTo(Instant.parse("2017-02-05T19:48:17Z"));
        assertThat(QualysXml.instant("2017-02-05T19:48:17.250Z")).isEqualTo(Instant.parse("2017-02-05T19:48:17.250Z"));
        assertThat(QualysXml.instant("2017-02-05")).isEqualTo(Instant.parse("2017-02-05T00:00:00Z"));
        assertThat(QualysXml.instant("2023-02-29T00:00:00Z")).isNull();
        assertThat(QualysXml.instant("2017-13-05T19:48:17Z")).isNull();
        assertThat(QualysXml.instant("2017-02-05T24:00:00Z")).isEqualTo(Instant.parse("2017-02-06T00:00:00Z"));
        assertThat(QualysXml.instant("2017-02-05T19:4x:17Z")).isNull();
        assertThat(QualysXml.instant("")).isNull();
        assertThat(QualysXml.instant(null)).isNull();
    }
}
