package io.assetmanager.net;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/** A closed interval of addresses, {@code first <= last}, both of one family. */
public record IpRange(IpAddress first, IpAddress last) implements Comparable<IpRange> {

    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range start " + first + " is after its end " + last);
        }
    }

    public static IpRange of(IpAddress single) {
        return new IpRange(single, single);
    }

    /**
     * Parses a single address ({@code 10.0.0.1}), a range ({@code 10.0.0.1-10.0.0.9}, blanks around the dash allowed)
     * or a CIDR block ({@code 10.0.0.0/24}; host bits below the prefix are ignored, so {@code 10.0.0.7/24} is the
     * same block).
     *
     * @throws IpParseException naming the text and what is wrong with it
     */
    public static IpRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IpParseException(text == null ? "" : text, "empty entry");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return parseCidr(text, s.substring(0, slash).strip(), s.substring(slash + 1).strip());
        }
        int dash = s.indexOf('-');
        if (dash >= 0) {
            IpAddress a = parseIn(text, s.substring(0, dash));
            IpAddress b = parseIn(text, s.substring(dash + 1));
            if (a.isIpv4() != b.isIpv4()) {
                throw new IpParseException(text, "a range cannot mix IPv4 and IPv6");
            }
            if (a.compareTo(b) > 0) {
                throw new IpParseException(text, "range start is after its end");
            }
            return new IpRange(a, b);
        }
        return of(parseIn(text, s));
    }

    private static IpAddress parseIn(String whole, String part) {
        try {
            return IpAddress.parse(part);
        } catch (IpParseException e) {
            throw new IpParseException(whole, e.reason());
        }
    }

    private static IpRange parseCidr(String whole, String address, String prefixText) {
        IpAddress base = parseIn(whole, address);
        int maxPrefix = base.isIpv4() ? 32 : 128;
        int prefix;
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IpParseException(whole, "prefix length must be a number from 0 to " + maxPrefix);
        }
        prefix = Integer.parseInt(prefixText);
        if (prefix > maxPrefix) {
            throw new IpParseException(whole, "prefix length " + prefix + " is above " + maxPrefix);
        }
        int hostBits = maxPrefix - prefix;
        long hostHi = hostBits > 64 ? (hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1) : 0L;
        long hostLo = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
        IpAddress first = IpAddress.of(base.hi() & ~hostHi, base.lo() & ~hostLo);
        IpAddress last = IpAddress.of(base.hi() | hostHi, base.lo() | hostLo);
        return new IpRange(first, last);
    }

    public boolean isSingle() {
        return first.equals(last);
    }

    public boolean isIpv4() {
        return first.isIpv4();
    }

    /** The addresses both ranges hold, or empty when they share none. */
    public Optional<IpRange> intersection(IpRange other) {
        IpAddress from = first.compareTo(other.first) >= 0 ? first : other.first;
        IpAddress to = last.compareTo(other.last) <= 0 ? last : other.last;
        return from.compareTo(to) > 0 ? Optional.empty() : Optional.of(new IpRange(from, to));
    }

    public boolean contains(IpAddress a) {
        return first.compareTo(a) <= 0 && a.compareTo(last) <= 0;
    }

    public BigInteger size() {
        return last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
    }

    @Override
    public int compareTo(IpRange o) {
        int c = first.compareTo(o.first);
        return c != 0 ? c : last.compareTo(o.last);
    }

    /** {@code a} for a single address, {@code a-b} otherwise: the form Qualys reads and writes. */
    @Override
    public String toString() {
        return isSingle() ? first.toString() : first + "-" + last;
    }
}
