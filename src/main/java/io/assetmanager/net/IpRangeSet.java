package io.assetmanager.net;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * An immutable set of addresses held as sorted, disjoint, non-adjacent ranges: {@code 10.0.0.0-10.255.255.255} is
 * one entry, never 16.7 million. Set operations are linear merges over the two range lists.
 *
 * <p>Ranges are packed four longs apiece (first hi, first lo, last hi, last lo) in one array, so a million ranges
 * cost 32 MB and no objects.
 */
public final class IpRangeSet implements Iterable<IpRange> {

    private static final IpRangeSet EMPTY = new IpRangeSet(new long[0], 0);

    /** first.hi, first.lo, last.hi, last.lo for each range, in address order. */
    private final long[] r;
    private final int count;

    private IpRangeSet(long[] r, int count) {
        this.r = r;
        this.count = count;
    }

    public static IpRangeSet empty() {
        return EMPTY;
    }

    public static IpRangeSet of(IpRange... ranges) {
        Builder b = builder();
        for (IpRange range : ranges) {
            b.add(range);
        }
        return b.build();
    }

    public static IpRangeSet of(Iterable<IpRange> ranges) {
        Builder b = builder();
        ranges.forEach(b::add);
        return b.build();
    }

    /**
     * Parses a list of addresses, ranges and CIDR blocks separated by commas, semicolons, blanks or line breaks.
     *
     * @throws IpParseException for the first bad entry, naming its position in the list
     */
    public static IpRangeSet parseList(String text) {
        Builder b = builder();
        if (text == null) {
            return b.build();
        }
        // Each entry is parsed as it is found: a list as long as a DISCOVERED group at a million hosts (a million
        // entries) would otherwise be held as a million strings at once.
        int[] position = {0};
        forEachEntry(text, entry -> {
            position[0]++;
            try {
                b.add(IpRange.parse(entry));
            } catch (IpParseException e) {
                throw new IpParseException(entry, "entry " + position[0] + ": " + e.reason());
            }
        });
        return b.build();
    }

    /**
     * The entries of a list, in one pass over the text (no regular expression, so no backtracking on long runs of
     * blanks): separated by commas, semicolons or blanks, where blanks around a range's dash ("a - b") join.
     */
    static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        forEachEntry(text, entries::add);
        return entries;
    }

    private static void forEachEntry(String text, Consumer<String> sink) {
        StringBuilder entry = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ',' || c == ';') {
                flush(entry, sink);
                i++;
            } else if (Character.isWhitespace(c)) {
                int next = i;
                while (next < n && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                boolean joinsRange = entry.length() > 0 && (entry.charAt(entry.length() - 1) == '-'
                        || next < n && text.charAt(next) == '-');
                if (!joinsRange) {
                    flush(entry, sink);
                }
                i = next;
            } else {
                entry.append(c);
                i++;
            }
        }
        flush(entry, sink);
    }

    private static void flush(StringBuilder entry, Consumer<String> sink) {
        if (entry.length() > 0) {
            sink.accept(entry.toString());
            entry.setLength(0);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of ranges after merging. */
    public int rangeCount() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Number of addresses; may far exceed a long for IPv6. */
    public BigInteger size() {
        Counter counter = new Counter();
        for (int k = 0; k < 4 * count; k += 4) {
            counter.add(r[k], r[k + 1], r[k + 2], r[k + 3]);
        }
        return counter.total();
    }

    /** Where the ranges a set operation produces go, in address order. */
    @FunctionalInterface
    private interface RangeSink {
        void add(long fHi, long fLo, long lHi, long lLo);
    }

    /** Adds up the sizes of ranges: in a long while they are small (IPv4 and small IPv6), in a BigInteger beyond. */
    private static final class Counter implements RangeSink {
        private BigInteger total = BigInteger.ZERO;
        private long small;

        @Override
        public void add(long fHi, long fLo, long lHi, long lLo) {
            if (fHi == lHi && lLo - fLo >= 0 && lLo - fLo < (1L << 40)) {
                small += lLo - fLo + 1;
                if (small > (1L << 60)) {
                    total = total.add(BigInteger.valueOf(small));
                    small = 0;
                }
            } else {
                total = total.add(new IpRange(IpAddress.of(fHi, fLo), IpAddress.of(lHi, lLo)).size());
            }
        }

        BigInteger total() {
            return total.add(BigInteger.valueOf(small));
        }
    }

    public IpRange range(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index);
        }
        int k = 4 * index;
        return new IpRange(IpAddress.of(r[k], r[k + 1]), IpAddress.of(r[k + 2], r[k + 3]));
    }

    /** The ranges in address order, as a read-only list view. */
    public List<IpRange> ranges() {
        return new AbstractList<>() {
            @Override
            public IpRange get(int index) {
                return range(index);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    @Override
    public Iterator<IpRange> iterator() {
        return ranges().iterator();
    }

    /** Every address in order, produced lazily; meant for small sets. */
    public Iterator<IpAddress> addresses() {
        return new Iterator<>() {
            private int index = 0;
            private IpAddress nextAddress = count == 0 ? null : IpAddress.of(r[0], r[1]);

            @Override
            public boolean hasNext() {
                return nextAddress != null;
            }

            @Override
            public IpAddress next() {
                if (nextAddress == null) {
                    throw new NoSuchElementException();
                }
                IpAddress current = nextAddress;
                int k = 4 * index;
                if (current.hi() == r[k + 2] && current.lo() == r[k + 3]) {
                    index++;
                    nextAddress = index < count ? IpAddress.of(r[4 * index], r[4 * index + 1]) : null;
                } else {
                    nextAddress = current.next();
                }
                return current;
            }
        };
    }

    public boolean contains(IpAddress a) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = 4 * mid;
            if (IpAddress.compare(r[k + 2], r[k + 3], a.hi(), a.lo()) < 0) {
                lo = mid + 1;
            } else if (IpAddress.compare(r[k], r[k + 1], a.hi(), a.lo()) > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** True when every address of {@code range} is in this set. */
    public boolean containsAll(IpRange range) {
        return IpRangeSet.of(range).difference(this).isEmpty();
    }

    public IpRangeSet union(IpRangeSet o) {
        Appender out = new Appender(count + o.count);
        int i = 0;
        int j = 0;
        while (i < count || j < o.count) {
            boolean takeMine = j == o.count
                    || (i < count && IpAddress.compare(r[4 * i], r[4 * i + 1], o.r[4 * j], o.r[4 * j + 1]) <= 0);
            if (takeMine) {
                out.add(r, 4 * i++);
            } else {
                out.add(o.r, 4 * j++);
            }
        }
        return out.build();
    }

    /**
     * {@code |this ∩ o|}, without building the intersection: a sync run at a million hosts counts overlaps of sets of
     * a million ranges, whose intersections would each take tens of megabytes of heap.
     */
    public BigInteger intersectionSize(IpRangeSet o) {
        Counter counter = new Counter();
        overlaps(o, counter);
        return counter.total();
    }

    /** The number of addresses in all three sets, counted without building any intersection. */
    public BigInteger intersectionSize(IpRangeSet o, IpRangeSet third) {
        Counter counter = new Counter();
        int[] k = {0};
        // this ∩ o arrives in address order, disjoint: each range is cut by the ranges of the third set it meets.
        overlaps(o, (fHi, fLo, lHi, lLo) -> {
            while (k[0] < third.count && IpAddress.compare(third.r[4 * k[0] + 2], third.r[4 * k[0] + 3], fHi, fLo) < 0) {
                k[0]++;
            }
            for (int j = k[0]; j < third.count; j++) {
                int t = 4 * j;
                if (IpAddress.compare(third.r[t], third.r[t + 1], lHi, lLo) > 0) {
                    break;
                }
                boolean startsLater = IpAddress.compare(third.r[t], third.r[t + 1], fHi, fLo) > 0;
                boolean endsEarlier = IpAddress.compare(third.r[t + 2], third.r[t + 3], lHi, lLo) < 0;
                counter.add(startsLater ? third.r[t] : fHi, startsLater ? third.r[t + 1] : fLo,
                        endsEarlier ? third.r[t + 2] : lHi, endsEarlier ? third.r[t + 3] : lLo);
            }
        });
        return counter.total();
    }

    public IpRangeSet intersection(IpRangeSet o) {
        Appender out = new Appender(Math.min(count, o.count));
        overlaps(o, out::add);
        return out.build();
    }

    /** Hands each range of {@code this ∩ o} to {@code sink}, in address order. */
    private void overlaps(IpRangeSet o, RangeSink sink) {
        int i = 0;
        int j = 0;
        while (i < count && j < o.count) {
            int a = 4 * i;
            int b = 4 * j;
            boolean firstMine = IpAddress.compare(r[a], r[a + 1], o.r[b], o.r[b + 1]) >= 0;
            long fHi = firstMine ? r[a] : o.r[b];
            long fLo = firstMine ? r[a + 1] : o.r[b + 1];
            int lastCmp = IpAddress.compare(r[a + 2], r[a + 3], o.r[b + 2], o.r[b + 3]);
            long lHi = lastCmp <= 0 ? r[a + 2] : o.r[b + 2];
            long lLo = lastCmp <= 0 ? r[a + 3] : o.r[b + 3];
            if (IpAddress.compare(fHi, fLo, lHi, lLo) <= 0) {
                sink.add(fHi, fLo, lHi, lLo);
            }
            if (lastCmp <= 0) {
                i++;
            } else {
                j++;
            }
        }
    }

    /** This set without the addresses of {@code o}. */
    public IpRangeSet difference(IpRangeSet o) {
        Appender out = new Appender(count);
        int j = 0;
        for (int i = 0; i < count; i++) {
            int a = 4 * i;
            long curHi = r[a];
            long curLo = r[a + 1];
            long endHi = r[a + 2];
            long endLo = r[a + 3];
            // Skip subtrahend ranges that end before the current piece starts.
            while (j < o.count && IpAddress.compare(o.r[4 * j + 2], o.r[4 * j + 3], curHi, curLo) < 0) {
                j++;
            }
            boolean exhausted = false;
            int k = j;
            while (k < o.count && IpAddress.compare(o.r[4 * k], o.r[4 * k + 1], endHi, endLo) <= 0) {
                int b = 4 * k;
                if (IpAddress.compare(o.r[b], o.r[b + 1], curHi, curLo) > 0) {
                    // The part before this subtrahend range survives.
                    long pLo = o.r[b + 1] - 1;
                    long pHi = o.r[b + 1] == 0 ? o.r[b] - 1 : o.r[b];
                    out.add(curHi, curLo, pHi, pLo);
                }
                if (IpAddress.compare(o.r[b + 2], o.r[b + 3], endHi, endLo) >= 0) {
                    exhausted = true;
                    break;
                }
                curLo = o.r[b + 3] + 1;
                curHi = curLo == 0 ? o.r[b + 2] + 1 : o.r[b + 2];
                k++;
            }
            if (!exhausted) {
                out.add(curHi, curLo, endHi, endLo);
            }
            j = k;
        }
        return out.build();
    }

    /** Only the IPv4 addresses: what may be sent to Qualys's IPv4 endpoints. */
    public IpRangeSet ipv4() {
        // Already IPv4 only (the usual case): no copy, which at a million ranges is 32 MB of heap.
        if (count == 0 || (IpAddress.compare(r[0], r[1], IPV4_SPACE.r[0], IPV4_SPACE.r[1]) >= 0
                && IpAddress.compare(r[4 * count - 2], r[4 * count - 1], IPV4_SPACE.r[2], IPV4_SPACE.r[3]) <= 0)) {
            return this;
        }
        return intersection(IPV4_SPACE);
    }

    /** Only the IPv6 addresses (everything outside the IPv4-mapped block). */
    public IpRangeSet ipv6() {
        return difference(IPV4_SPACE);
    }

    private static final IpRangeSet IPV4_SPACE = of(new IpRange(IpAddress.MIN_IPV4, IpAddress.MAX_IPV4));

    /**
     * Splits the set into values for a Qualys {@code ips} parameter: entries {@code a} or {@code a-b} joined by
     * commas, each chunk at most {@code maxChars} long, ranges never split. IPv4 only: Qualys's IP and asset group
     * endpoints take IPv4, so IPv6 here is a caller's bug.
     */
    public List<String> toQualysChunks(int maxChars) {
        return toQualysChunks(maxChars, 1);
    }

    /**
     * As {@link #toQualysChunks(int)}, with each comma counted as {@code separatorSize} (3 when the value is sent
     * form-encoded, where a comma becomes {@code %2C}), so that {@code maxSize} bounds the encoded size.
     */
    public List<String> toQualysChunks(int maxSize, int separatorSize) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder(Math.min(maxSize, 1 << 16));
        int size = chunkEntries(maxSize, separatorSize, (entry, startsChunk) -> {
            if (startsChunk && current.length() > 0) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(',');
            }
            current.append(entry);
        });
        if (current.length() > 0) {
            chunks.add(current.toString());
        }
        assert size == chunks.size();
        return chunks;
    }

    /** How many values {@link #toQualysChunks(int, int)} makes, without building them. */
    public int qualysChunkCount(int maxSize, int separatorSize) {
        return chunkEntries(maxSize, separatorSize, (entry, startsChunk) -> { });
    }

    private interface ChunkEntry {
        void accept(String entry, boolean startsChunk);
    }

    private int chunkEntries(int maxSize, int separatorSize, ChunkEntry out) {
        if (maxSize < 31) {
            throw new IllegalArgumentException("a chunk must hold at least one IPv4 range (31 characters)");
        }
        int chunks = 0;
        long size = 0;
        for (int i = 0; i < count; i++) {
            IpRange range = range(i);
            if (!range.isIpv4()) {
                throw new IllegalStateException("IPv6 range " + range + " cannot be sent to a Qualys IPv4 endpoint");
            }
            String entry = range.toString();
            boolean starts = size == 0 || size + separatorSize + entry.length() > maxSize;
            if (starts) {
                chunks++;
                size = entry.length();
            } else {
                size += separatorSize + entry.length();
            }
            out.accept(entry, starts);
        }
        return chunks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRangeSet s && s.count == count && Arrays.equals(r, 0, 4 * count, s.r, 0, 4 * count);
    }

    @Override
    public int hashCode() {
        int h = count;
        for (int i = 0; i < 4 * count; i++) {
            h = h * 31 + Long.hashCode(r[i]);
        }
        return h;
    }

    /** The Qualys-style list: {@code a,a-b,...}; meant for logs of small sets and for tests. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(range(i));
        }
        return sb.toString();
    }

    /**
     * Whether {@code text} is exactly this set's {@link #toString()}, compared range by range without building that
     * text (tens of megabytes for a set of a million ranges).
     */
    public boolean hasText(String text) {
        if (text == null) {
            return false;
        }
        StringBuilder one = new StringBuilder(80);
        int at = 0;
        for (int i = 0; i < count; i++) {
            one.setLength(0);
            if (i > 0) {
                one.append(',');
            }
            one.append(range(i));
            int length = one.length();
            if (at + length > text.length() || !text.regionMatches(at, one.toString(), 0, length)) {
                return false;
            }
            at += length;
        }
        return at == text.length();
    }

    /** Collects ranges in any order, with overlaps and duplicates; {@link #build()} sorts and merges them. */
    public static final class Builder {
        private long[] r = new long[64];
        private int count;
        private boolean allIpv4 = true;

        private Builder() {
        }

        public Builder add(IpRange range) {
            return add(range.first().hi(), range.first().lo(), range.last().hi(), range.last().lo());
        }

        public Builder add(IpAddress address) {
            return add(address.hi(), address.lo(), address.hi(), address.lo());
        }

        public Builder addAll(IpRangeSet set) {
            for (int i = 0; i < set.count; i++) {
                int k = 4 * i;
                add(set.r[k], set.r[k + 1], set.r[k + 2], set.r[k + 3]);
            }
            return this;
        }

        private Builder add(long fHi, long fLo, long lHi, long lLo) {
            if (4 * count + 4 > r.length) {
                r = Arrays.copyOf(r, Math.max(64, r.length * 2));
            }
            int k = 4 * count++;
            r[k] = fHi;
            r[k + 1] = fLo;
            r[k + 2] = lHi;
            r[k + 3] = lLo;
            allIpv4 &= isV4(fHi, fLo) && isV4(lHi, lLo);
            return this;
        }

        private static boolean isV4(long hi, long lo) {
            return hi == IpAddress.V4_HI && (lo & 0xFFFF_FFFF_0000_0000L) == IpAddress.V4_LO_PREFIX;
        }

        public int size() {
            return count;
        }

        public IpRangeSet build() {
            if (count == 0) {
                return EMPTY;
            }
            sort();
            Appender out = new Appender(count);
            for (int i = 0; i < count; i++) {
                out.add(r, 4 * i);
            }
            return out.build();
        }

        private void sort() {
            if (isSorted()) {
                return;
            }
            if (allIpv4) {
                // Pack each IPv4 range into one long (first in the high half) so a primitive sort does the work;
                // the sign bit is flipped so that signed order equals unsigned order.
                long[] keys = new long[count];
                for (int i = 0; i < count; i++) {
                    keys[i] = (((r[4 * i + 1] & 0xFFFF_FFFFL) << 32) | (r[4 * i + 3] & 0xFFFF_FFFFL)) ^ Long.MIN_VALUE;
                }
                Arrays.sort(keys);
                for (int i = 0; i < count; i++) {
                    long key = keys[i] ^ Long.MIN_VALUE;
                    r[4 * i] = IpAddress.V4_HI;
                    r[4 * i + 1] = IpAddress.V4_LO_PREFIX | (key >>> 32);
                    r[4 * i + 2] = IpAddress.V4_HI;
                    r[4 * i + 3] = IpAddress.V4_LO_PREFIX | (key & 0xFFFF_FFFFL);
                }
                return;
            }
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            long[] src = r;
            Arrays.sort(order, (x, y) -> IpAddress.compare(src[4 * x], src[4 * x + 1], src[4 * y], src[4 * y + 1]));
            long[] sorted = new long[4 * count];
            for (int i = 0; i < count; i++) {
                System.arraycopy(src, 4 * order[i], sorted, 4 * i, 4);
            }
            r = sorted;
        }

        private boolean isSorted() {
            for (int i = 1; i < count; i++) {
                if (IpAddress.compare(r[4 * i - 4], r[4 * i - 3], r[4 * i], r[4 * i + 1]) > 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Appends ranges in order of their first address, merging overlapping and adjacent ones. */
    private static final class Appender {
        private long[] r;
        private int count;

        Appender(int expected) {
            r = new long[4 * Math.max(4, expected)];
        }

        void add(long[] src, int k) {
            add(src[k], src[k + 1], src[k + 2], src[k + 3]);
        }

        void add(long fHi, long fLo, long lHi, long lLo) {
            if (count > 0) {
                int p = 4 * (count - 1);
                long pHi = r[p + 2];
                long pLo = r[p + 3];
                boolean touches = IpAddress.compare(fHi, fLo, pHi, pLo) <= 0
                        || (!(pHi == -1L && pLo == -1L) && isNext(pHi, pLo, fHi, fLo));
                if (touches) {
                    if (IpAddress.compare(lHi, lLo, pHi, pLo) > 0) {
                        r[p + 2] = lHi;
                        r[p + 3] = lLo;
                    }
                    return;
                }
            }
            if (4 * count + 4 > r.length) {
                r = Arrays.copyOf(r, r.length * 2);
            }
            int k = 4 * count++;
            r[k] = fHi;
            r[k + 1] = fLo;
            r[k + 2] = lHi;
            r[k + 3] = lLo;
        }

        private static boolean isNext(long hi, long lo, long nHi, long nLo) {
            long plusLo = lo + 1;
            long plusHi = plusLo == 0 ? hi + 1 : hi;
            return plusHi == nHi && plusLo == nLo;
        }

        IpRangeSet build() {
            return count == 0 ? EMPTY : new IpRangeSet(r, count);
        }
    }
}
