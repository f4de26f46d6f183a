package io.assetmanager.net;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 address as one unsigned 128-bit number.
 *
 * <p>IPv4 addresses live in the IPv4-mapped block {@code ::ffff:0:0/96}, so both families share one total order
 * and one storage form (16 bytes, see {@link #toBytes()}), and a range or a set can hold either family. An IPv6
 * literal written in mapped form ({@code ::ffff:10.0.0.1}) is therefore the same address as {@code 10.0.0.1}.
 */
public final class IpAddress implements Comparable<IpAddress> {

    /** The high 64 bits of every IPv4-mapped address. */
    static final long V4_HI = 0L;
    /** The bits above the 32 IPv4 bits in the low word of an IPv4-mapped address. */
    static final long V4_LO_PREFIX = 0xFFFF_0000_0000L;

    public static final IpAddress MIN_IPV4 = ofIpv4(0L);
    public static final IpAddress MAX_IPV4 = ofIpv4(0xFFFF_FFFFL);

    private final long hi;
    private final long lo;

    IpAddress(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
    }

    public static IpAddress of(long hi, long lo) {
        return new IpAddress(hi, lo);
    }

    /** @param value the address as an unsigned 32-bit number, 0 to 2^32-1 */
    public static IpAddress ofIpv4(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IPv4 value out of range: " + value);
        }
        return new IpAddress(V4_HI, V4_LO_PREFIX | value);
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 address (RFC 4291 text forms, with {@code ::} and an embedded IPv4
     * tail). Leading and trailing blanks are ignored. Octets with leading zeros and IPv6 zone ids are refused
     * because their meaning differs between tools.
     *
     * @throws IpParseException naming the text and what is wrong with it
     */
    public static IpAddress parse(String text) {
        if (text == null) {
            throw new IpParseException("", "no address given");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IpParseException(text, "empty address");
        }
        if (s.indexOf(':') >= 0) {
            return parseIpv6(text, s);
        }
        return ofIpv4(parseIpv4(text, s));
    }

    static long parseIpv4(String original, String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (true) {
            int start = i;
            int octet = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    throw new IpParseException(original, "IPv4 part too long");
                }
            }
            if (i == start) {
                throw new IpParseException(original, i < n ? "unexpected character '" + s.charAt(i) + "'" : "missing IPv4 part");
            }
            if (i - start > 1 && s.charAt(start) == '0') {
                throw new IpParseException(original, "IPv4 part with a leading zero");
            }
            if (octet > 255) {
                throw new IpParseException(original, "IPv4 part " + octet + " is above 255");
            }
            value = (value << 8) | octet;
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                throw new IpParseException(original, "unexpected character '" + s.charAt(i) + "'");
            }
            i++;
        }
        if (parts != 4) {
            throw new IpParseException(original, "an IPv4 address has 4 parts, found " + parts);
        }
        return value;
    }

    private static IpAddress parseIpv6(String original, String s) {
        if (s.indexOf('%') >= 0) {
            throw new IpParseException(original, "IPv6 zone ids are not accepted");
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(0, 0);
            }
        } else if (s.charAt(0) == ':') {
            throw new IpParseException(original, "IPv6 address starts with a single ':'");
        }
        while (i < n) {
            if (count == 8) {
                throw new IpParseException(original, "more than 8 IPv6 groups");
            }
            int start = i;
            int value = 0;
            while (i < n && hexDigit(s.charAt(i)) >= 0) {
                value = (value << 4) | hexDigit(s.charAt(i));
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // Embedded IPv4 tail: occupies the last two groups.
                if (count > 6) {
                    throw new IpParseException(original, "embedded IPv4 address in the wrong place");
                }
                long v4 = parseIpv4(original, s.substring(start));
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (i == start) {
                throw new IpParseException(original, i < n ? "unexpected character '" + s.charAt(i) + "'" : "empty IPv6 group");
            }
            if (i - start > 4) {
                throw new IpParseException(original, "IPv6 group longer than 4 hex digits");
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                throw new IpParseException(original, "unexpected character '" + s.charAt(i) + "'");
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    throw new IpParseException(original, "'::' appears twice");
                }
                gap = count;
                i++;
            } else if (i == n) {
                throw new IpParseException(original, "IPv6 address ends with a single ':'");
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count == 8) {
                throw new IpParseException(original, "'::' with 8 groups");
            }
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - (count - gap), count - gap);
        } else {
            if (count != 8) {
                throw new IpParseException(original, "an IPv6 address has 8 groups, found " + count);
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return new IpAddress(hi, lo);
    }

    public static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            long v = 0;
            for (byte b : bytes) {
                v = (v << 8) | (b & 0xFF);
            }
            return ofIpv4(v);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an address is 4 or 16 bytes, got " + bytes.length);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xFF);
            lo = (lo << 8) | (bytes[i + 8] & 0xFF);
        }
        return new IpAddress(hi, lo);
    }

    /** The 16-byte big-endian storage form; unsigned byte order equals address order. */
    public byte[] toBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    public boolean isIpv4() {
        return hi == V4_HI && (lo & 0xFFFF_FFFF_0000_0000L) == V4_LO_PREFIX;
    }

    /** @return the IPv4 value as an unsigned 32-bit number; only for {@link #isIpv4()} addresses */
    public long ipv4Value() {
        if (!isIpv4()) {
            throw new IllegalStateException(this + " is not an IPv4 address");
        }
        return lo & 0xFFFF_FFFFL;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    public boolean isMax() {
        return hi == -1L && lo == -1L;
    }

    public boolean isMin() {
        return hi == 0L && lo == 0L;
    }

    /** The next address; callers check {@link #isMax()} first. */
    public IpAddress next() {
        long nlo = lo + 1;
        return new IpAddress(nlo == 0 ? hi + 1 : hi, nlo);
    }

    /** The previous address; callers check {@link #isMin()} first. */
    public IpAddress previous() {
        long nlo = lo - 1;
        return new IpAddress(lo == 0 ? hi - 1 : hi, nlo);
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytes());
    }

    public static IpAddress fromBigInteger(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException("not a 128-bit unsigned value: " + value);
        }
        return new IpAddress(value.shiftRight(64).longValue(), value.longValue());
    }

    @Override
    public int compareTo(IpAddress o) {
        return compare(hi, lo, o.hi, o.lo);
    }

    static int compare(long hi1, long lo1, long hi2, long lo2) {
        int c = Long.compareUnsigned(hi1, hi2);
        return c != 0 ? c : Long.compareUnsigned(lo1, lo2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress a && a.hi == hi && a.lo == lo;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hi) * 31 + Long.hashCode(lo);
    }

    /** Dotted quad for IPv4, RFC 5952 canonical text for IPv6. */
    @Override
    public String toString() {
        if (isIpv4()) {
            long v = lo & 0xFFFF_FFFFL;
            return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        // RFC 5952: compress the longest run (first one on ties) of two or more zero groups.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** Lower-case hex of the 16 bytes: a fixed-width text form whose string order is address order. */
    public String toHex() {
        return String.format("%016x%016x", hi, lo);
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
