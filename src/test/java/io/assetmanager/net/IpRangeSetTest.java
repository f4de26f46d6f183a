package io.assetmanager.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpRangeSetTest {

    private static IpRangeSet set(String list) {
        return IpRangeSet.parseList(list);
    }

    /** The worked example of DESIGN.md section 2, on the set level. */
    @Test
    void workedExampleFromTheDesign() {
        IpRangeSet indexed = set("10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.1.5, 192.168.1.10");
        IpRangeSet subscribed = set("10.0.0.0-10.0.0.255, 172.16.0.1");
        IpRangeSet scanned = set("10.0.0.2, 172.16.0.1");

        assertThat(indexed.difference(subscribed)).isEqualTo(set("10.0.1.5, 192.168.1.10"));
        assertThat(scanned.difference(indexed)).isEqualTo(set("172.16.0.1"));
        assertThat(indexed.intersection(scanned)).isEqualTo(set("10.0.0.2"));

        IpRangeSet added = indexed.difference(subscribed);
        IpRangeSet subscribedAfter = subscribed.union(added);
        assertThat(subscribedAfter).hasToString("10.0.0.0-10.0.0.255,10.0.1.5,172.16.0.1,192.168.1.10");
        assertThat(subscribedAfter.difference(scanned))
                .hasToString("10.0.0.0-10.0.0.1,10.0.0.3-10.0.0.255,10.0.1.5,192.168.1.10");
        assertThat(indexed.intersection(subscribed).difference(scanned)).hasToString("10.0.0.1,10.0.0.3");
    }

    @Test
    void mergesOverlappingAndAdjacentRanges() {
        IpRangeSet s = set("10.0.0.5-10.0.0.9; 10.0.0.1-10.0.0.4\n10.0.0.7 10.0.0.20-10.0.0.30, 10.0.0.10");
        assertThat(s).hasToString("10.0.0.1-10.0.0.10,10.0.0.20-10.0.0.30");
        assertThat(s.rangeCount()).isEqualTo(2);
        assertThat(s.size()).isEqualTo(BigInteger.valueOf(21));
    }

    @Test
    void holdsBothFamiliesInOneOrder() {
        IpRangeSet s = set("2001:db8::1, 10.0.0.1, ::1, 2001:db8::2");
        assertThat(s).hasToString("::1,10.0.0.1,2001:db8::1-2001:db8::2");
        assertThat(s.ipv4()).hasToString("10.0.0.1");
        assertThat(s.ipv6()).hasToString("::1,2001:db8::1-2001:db8::2");
        assertThat(s.contains(IpAddress.parse("2001:db8::2"))).isTrue();
        assertThat(s.contains(IpAddress.parse("2001:db8::3"))).isFalse();
    }

    @Test
    void hugeRangesAreCountedNotExpanded() {
        IpRangeSet s = set("10.0.0.0/8, 2001:db8::/32");
        assertThat(s.rangeCount()).isEqualTo(2);
        assertThat(s.size()).isEqualTo(BigInteger.valueOf(16_777_216).add(BigInteger.TWO.pow(96)));
        assertThat(s.difference(set("10.0.0.0/9")).size()).isEqualTo(BigInteger.valueOf(8_388_608).add(BigInteger.TWO.pow(96)));
    }

    @Test
    void theWholeAddressSpaceHasNoOverflow() {
        IpRangeSet all = set("::/0");
        assertThat(all.size()).isEqualTo(BigInteger.TWO.pow(128));
        assertThat(all.difference(set("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ::")))
                .hasToString("::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
        assertThat(all.union(set("10.0.0.1"))).isEqualTo(all);
    }

    @Test
    void chunksForQualysAreBoundedAndLoseNothing() {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (int i = 0; i < 5000; i++) {
            b.add(IpAddress.ofIpv4(0x0A000000L + 2L * i));
        }
        IpRangeSet s = b.build().union(set("192.168.0.0/16"));
        List<String> chunks = s.toQualysChunks(1000);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(1000));
        assertThat(chunks.size()).isGreaterThan(50);
        assertThat(IpRangeSet.parseList(String.join(",", chunks))).isEqualTo(s);
        assertThat(chunks.get(chunks.size() - 1)).endsWith("192.168.0.0-192.168.255.255");
    }

    @Test
    void chunksRefuseIpv6() {
        assertThatThrownBy(() -> set("10.0.0.1, 2001:db8::1").toQualysChunks(1000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2001:db8::1");
    }

    @Test
    void parseListNamesTheBadEntry() {
        assertThatThrownBy(() -> set("10.0.0.1, 10.0.0.2,\n10.0.0.x"))
                .isInstanceOf(IpParseException.class)
                .hasMessageContaining("10.0.0.x")
                .hasMessageContaining("entry 3");
    }

    @Test
    void iteratesAddressesInOrder() {
        List<String> seen = new ArrayList<>();
        set("10.0.0.254-10.0.1.1, ::ffff:ffff:ffff:fffe-0:0:0:1::").addresses()
                .forEachRemaining(a -> seen.add(a.toString()));
        assertThat(seen).containsExactly("10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1",
                "::ffff:ffff:ffff:fffe", "::ffff:ffff:ffff:ffff", "0:0:0:1::");
    }

    /** A group's record keeps the set it pushed as text; the run compares what Qualys lists with it as text. */
    @Test
    void hasTextIsEqualityWithTheCanonicalList() {
        IpRangeSet s = set("10.0.0.1, 10.0.0.2-10.0.0.9, 192.168.1.10");
        assertThat(s.hasText(s.toString())).isTrue();
        assertThat(s.hasText("10.0.0.1-10.0.0.9,192.168.1.10")).isTrue();
        assertThat(s.hasText("10.0.0.1-10.0.0.9")).as("a prefix").isFalse();
        assertThat(s.hasText("10.0.0.1-10.0.0.9,192.168.1.10,192.168.1.12")).as("longer").isFalse();
        assertThat(s.hasText("10.0.0.1-10.0.0.9,192.168.1.11")).as("another last address").isFalse();
        assertThat(s.hasText(null)).isFalse();
        assertThat(IpRangeSet.empty().hasText("")).isTrue();
        assertThat(IpRangeSet.empty().hasText("10.0.0.1")).isFalse();
    }

    /** The three-way count a sync run takes |I ∩ M ∩ S| from, against building the intersections. */
    @Test
    void threeWayIntersectionSizeEqualsTheSizeOfTheIntersections() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            IpRangeSet[] sets = new IpRangeSet[3];
            for (int n = 0; n < 3; n++) {
                IpRangeSet.Builder b = IpRangeSet.builder();
                int ranges = random.nextInt(12);
                for (int i = 0; i < ranges; i++) {
                    long first = random.nextInt(300);
                    long last = first + (random.nextInt(4) == 0 ? random.nextInt(120) : random.nextInt(3));
                    b.add(new IpRange(IpAddress.ofIpv4(0x0A000000L + first), IpAddress.ofIpv4(0x0A000000L + last)));
                }
                if (random.nextInt(5) == 0) {
                    b.add(IpAddress.parse("2001:db8::" + Integer.toHexString(1 + random.nextInt(5))));
                }
                sets[n] = b.build();
            }
            assertThat(sets[0].intersectionSize(sets[1], sets[2])).as("%s / %s / %s", sets[0], sets[1], sets[2])
                    .isEqualTo(sets[0].intersection(sets[1]).intersection(sets[2]).size());
        }
    }
}
