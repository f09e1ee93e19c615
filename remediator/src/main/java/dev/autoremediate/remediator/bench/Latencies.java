package dev.autoremediate.remediator.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, and their percentiles. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long nanosTaken) {
        if (count < nanos.length) {
            nanos[count++] = nanosTaken;
        }
    }

    int count() {
        return count;
    }

    /** The q-quantile (0..1) in microseconds. */
    double percentileMicros(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1));
        return sorted[index] / 1_000.0;
    }
}
