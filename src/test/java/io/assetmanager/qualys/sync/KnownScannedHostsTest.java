package io.assetmanager.qualys.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assetmanager.net.IpAddress;
import io.assetmanager.qualys.api.QualysHost;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KnownScannedHostsTest {

    private static final QualysHost HOST = new QualysHost(10, IpAddress.parse("10.0.0.1"), "a.example", "A", "Linux",
            "IP", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void everyStoredColumnChangesTheDigest() {
        long d = KnownScannedHosts.digest(HOST);
        assertThat(KnownScannedHosts.digest(new QualysHost(11, HOST.ip(), "a.example", "A", "Linux", "IP",
                HOST.lastScan()))).as("the ID is the key, not part of the digest").isEqualTo(d);
        assertThat(new long[] {
                KnownScannedHosts.digest(new QualysHost(10, IpAddress.parse("10.0.0.2"), "a.example", "A", "Linux", "IP", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "b.example", "A", "Linux", "IP", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", null, "Linux", "IP", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "", "Linux", "IP", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.exampl", "eA", "Linux", "IP", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux 2", "IP", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "DNS", HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP", null)),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP",
                        HOST.lastScan().plusSeconds(1))),
                // Scanned again: either of Qualys's two scan dates moving is a change, written again by the run.
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP",
                        HOST.lastScan(), HOST.lastScan().minusSeconds(60), HOST.lastScan())),
                KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP",
                        HOST.lastScan(), HOST.lastScan(), null))}).doesNotContain(d).doesNotHaveDuplicates();
    }

    @Test
    void aSecondAddressChangesTheDigestAndASingleOneKeepsItsFormerDigest() {
        long d = KnownScannedHosts.digest(HOST);
        QualysHost dual = new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP", HOST.lastScan(),
                IpAddress.parse("2001:db8::1"));
        QualysHost otherV6 = new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP", HOST.lastScan(),
                IpAddress.parse("2001:db8::2"));
        assertThat(KnownScannedHosts.digest(dual)).isNotEqualTo(d).isNotEqualTo(KnownScannedHosts.digest(otherV6));
        assertThat(dual.addresses()).extracting(IpAddress::toString).containsExactly("10.0.0.1", "2001:db8::1");
        // A host without IPv6 keeps the digest it was stored with before both addresses were kept: nothing rewritten.
        assertThat(KnownScannedHosts.digest(new QualysHost(10, HOST.ip(), "a.example", "A", "Linux", "IP",
                HOST.lastScan(), null))).isEqualTo(d);
    }

    @Test
    void tellsUnchangedHostsAndTheVanishedOnes() {
        long d = KnownScannedHosts.digest(HOST);
        KnownScannedHosts known = new KnownScannedHosts(new long[] {3, 10, 12, 40}, new long[] {7, d, 0, 9});
        assertThat(known.unchanged(10, d)).isTrue();
        assertThat(known.unchanged(12, d)).as("stored without a digest").isFalse();
        assertThat(known.unchanged(11, d)).as("new").isFalse();
        assertThat(known.vanished()).containsExactly(3, 40);
        assertThat(KnownScannedHosts.none().vanished()).isEmpty();
    }

    @Test
    void idsMustComeInAscendingOrder() {
        assertThatThrownBy(() -> new KnownScannedHosts(new long[] {2, 1}, new long[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
