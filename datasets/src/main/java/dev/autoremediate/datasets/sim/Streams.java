package dev.autoremediate.datasets.sim;

import java.util.SplittableRandom;

/**
 * Independent random streams keyed by (seed, job, day, attempt, purpose), so that every strategy sees the same world:
 * the noise of attempt 2 of a run does not depend on what happened before it.
 */
final class Streams {

    private Streams() {
    }

    static SplittableRandom of(long seed, int job, int day, int attempt, int purpose) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ job);
        h = mix(h ^ ((long) day << 20));
        h = mix(h ^ ((long) attempt << 40));
        h = mix(h ^ ((long) purpose << 52));
        return new SplittableRandom(h);
    }

    /** A standard normal draw (Box-Muller; one value per call keeps streams simple). */
    static double gaussian(SplittableRandom r) {
        double u1 = Math.max(1e-12, r.nextDouble());
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
