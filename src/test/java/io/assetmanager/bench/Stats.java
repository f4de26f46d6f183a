package io.assetmanager.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The median, minimum and maximum of a few timed runs: what every benchmark prints. */
public record Stats(double median, double min, double max, int n) {

    public static Stats of(List<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }

    /** Values in seconds, shown as milliseconds below one second. */
    public String seconds() {
        return median < 1
                ? String.format(Locale.ROOT, "%,.0f ms (%,.0f-%,.0f)", median * 1000, min * 1000, max * 1000)
                : String.format(Locale.ROOT, "%,.2f s (%,.2f-%,.2f)", median, min, max);
    }

    /** Values in milliseconds. */
    public String millis() {
        return String.format(Locale.ROOT, "%,.1f ms (%,.1f-%,.1f)", median, min, max);
    }

    /** Values in any unit, with the given number of decimals. */
    public String plain(int decimals, String unit) {
        String f = "%,." + decimals + "f";
        return String.format(Locale.ROOT, f + unit + " (" + f + "-" + f + ")", median, min, max);
    }

    public Stats scaled(double factor) {
        return new Stats(median * factor, min * factor, max * factor, n);
    }
}
