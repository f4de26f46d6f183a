package io.assetmanager.qualys.sync;

import io.assetmanager.platform.Numbers;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a run holds its result instead of applying it: Qualys answered with an empty host list or subscription, or
 * one smaller than {@code belowPercent} % of the baseline, where the baseline had something. The baseline is the
 * stored snapshot, or the sizes a held run reported when the newest run that held or applied anything held: the same
 * answer again is then applied (the next run confirms it). An empty baseline (the first run ever) never holds.
 * Sizes are in addresses (set M and set S).
 */
public final class HoldRule {

    private HoldRule() {
    }

    /** The sizes of M and S in addresses. */
    public record Sizes(BigInteger scanned, BigInteger subscribed) {
    }

    /**
     * @param against what the baseline is, as the message names it: "the stored snapshot has", "held run 12 had"
     * @return why the run holds, naming the old and new sizes; empty when it applies its result
     */
    public static Optional<String> check(int belowPercent, Sizes baseline, Sizes fetched, String against) {
        List<String> shrunk = new ArrayList<>();
        shrunk(belowPercent, "scanned addresses (M)", baseline.scanned(), fetched.scanned(), against)
                .ifPresent(shrunk::add);
        shrunk(belowPercent, "subscribed IPs (S)", baseline.subscribed(), fetched.subscribed(), against)
                .ifPresent(shrunk::add);
        return shrunk.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", shrunk));
    }

    private static Optional<String> shrunk(int belowPercent, String what, BigInteger before, BigInteger now,
            String against) {
        if (before.signum() == 0) {
            return Optional.empty();
        }
        if (now.signum() == 0) {
            return Optional.of("Qualys listed 0 " + what + " where " + against + " " + Numbers.grouped(before));
        }
        if (now.multiply(BigInteger.valueOf(100)).compareTo(before.multiply(BigInteger.valueOf(belowPercent))) < 0) {
            return Optional.of("Qualys listed " + Numbers.grouped(now) + " " + what + " where " + against + " "
                    + Numbers.grouped(before) + ", less than " + belowPercent + " %");
        }
        return Optional.empty();
    }
}
