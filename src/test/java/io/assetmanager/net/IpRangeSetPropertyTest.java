package io.assetmanager.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The range set against a brute-force model: a bit set over a 64-address window. The windows sit where the
 * arithmetic is delicate: the bottom and the top of IPv4, across the carry between the two 64-bit words, and at
 * the very top of the address space.
 */
class IpRangeSetPropertyTest {

    private static final int WINDOW = 64;
    private static final BigInteger[] BASES = {
            IpAddress.parse("10.0.0.0").toBigInteger(),
            IpAddress.parse("255.255.255.192").toBigInteger(),
            IpAddress.parse("0:0:0:1::").toBigInteger().subtract(BigInteger.valueOf(32)),
            BigInteger.TWO.pow(128).subtract(BigInteger.valueOf(WINDOW)),
    };

    record Case(BigInteger base, List<int[]> a, List<int[]> b) {
        IpRangeSet setA() {
            return toSet(base, a);
        }

        IpRangeSet setB() {
            return toSet(base, b);
        }

        BitSet modelA() {
            return toModel(a);
        }

        BitSet modelB() {
            return toModel(b);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> range = Combinators.combine(Arbitraries.integers().between(0, WINDOW - 1),
                Arbitraries.integers().between(0, 12)).as((start, len) -> new int[] {start, Math.min(WINDOW - 1, start + len)});
        Arbitrary<List<int[]>> ranges = range.list().ofMaxSize(10);
        return Combinators.combine(Arbitraries.of(BASES), ranges, ranges).as(Case::new);
    }

    @Property
    void unionMatchesTheModel(@ForAll("cases") Case c) {
        BitSet expected = c.modelA();
        expected.or(c.modelB());
        assertMatches(c.base(), c.setA().union(c.setB()), expected);
    }

    @Property
    void intersectionMatchesTheModel(@ForAll("cases") Case c) {
        BitSet expected = c.modelA();
        expected.and(c.modelB());
        assertMatches(c.base(), c.setA().intersection(c.setB()), expected);
    }

    @Property
    void theSizeOfTheIntersectionIsCountedWithoutBuildingIt(@ForAll("cases") Case c) {
        BitSet expected = c.modelA();
        expected.and(c.modelB());
        assertThat(c.setA().intersectionSize(c.setB())).isEqualTo(BigInteger.valueOf(expected.cardinality()))
                .isEqualTo(c.setA().intersection(c.setB()).size());
    }

    @Property
    void theIpv4PartIsTheIntersectionWithTheIpv4Space(@ForAll("cases") Case c) {
        IpRangeSet a = c.setA();
        IpRangeSet ipv4 = a.ipv4();
        assertThat(ipv4).isEqualTo(a.intersection(IpRangeSet.parseList("0.0.0.0-255.255.255.255")));
        assertThat(ipv4.union(a.ipv6())).isEqualTo(a);
    }

    @Property
    void differenceMatchesTheModel(@ForAll("cases") Case c) {
        BitSet expected = c.modelA();
        expected.andNot(c.modelB());
        assertMatches(c.base(), c.setA().difference(c.setB()), expected);
    }

    @Property
    void setsAreCanonicalSoEqualSetsAreEqual(@ForAll("cases") Case c) {
        IpRangeSet viaUnion = c.setA().union(c.setB());
        IpRangeSet viaBuilder = IpRangeSet.builder().addAll(c.setB()).addAll(c.setA()).build();
        assertThat(viaBuilder).isEqualTo(viaUnion).hasSameHashCodeAs(viaUnion);
        assertThat(IpRangeSet.parseList(viaUnion.toString())).isEqualTo(viaUnion);
    }

    private static void assertMatches(BigInteger base, IpRangeSet actual, BitSet expected) {
        assertThat(actual.size()).isEqualTo(BigInteger.valueOf(expected.cardinality()));
        for (int i = 0; i < WINDOW; i++) {
            assertThat(actual.contains(address(base, i))).as("offset %d", i).isEqualTo(expected.get(i));
        }
        List<IpAddress> listed = new ArrayList<>();
        actual.addresses().forEachRemaining(listed::add);
        List<IpAddress> expectedList = new ArrayList<>();
        expected.stream().forEach(i -> expectedList.add(address(base, i)));
        assertThat(listed).isEqualTo(expectedList);
        // Canonical form: sorted, disjoint and never adjacent.
        for (int i = 1; i < actual.rangeCount(); i++) {
            IpAddress previousLast = actual.range(i - 1).last();
            assertThat(previousLast.next()).isLessThan(actual.range(i).first());
        }
    }

    private static IpRangeSet toSet(BigInteger base, List<int[]> ranges) {
        IpRangeSet.Builder b = IpRangeSet.builder();
        for (int[] r : ranges) {
            b.add(new IpRange(address(base, r[0]), address(base, r[1])));
        }
        return b.build();
    }

    private static BitSet toModel(List<int[]> ranges) {
        BitSet bits = new BitSet(WINDOW);
        for (int[] r : ranges) {
            bits.set(r[0], r[1] + 1);
        }
        return bits;
    }

    private static IpAddress address(BigInteger base, int offset) {
        return IpAddress.fromBigInteger(base.add(BigInteger.valueOf(offset)));
    }
}
