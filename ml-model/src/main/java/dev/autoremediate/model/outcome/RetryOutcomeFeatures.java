package dev.autoremediate.model.outcome;

import dev.autoremediate.datasets.sim.SparkSettings;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Features of a {@link RetryCase}, all prefixed with the failure category (so that the linear model learns one
 * response per category), version {@value #VERSION}:
 * <ul>
 *   <li>{@code bias}, {@code hist} (the job's last successful run is known, with metrics);</li>
 *   <li>for each need (executor heap, off-heap, collected results, driver heap): the candidate's headroom
 *       log(capacity / estimated need), clipped to [-1, 0.5]. With history the need is the last successful run's peak
 *       scaled by the input ratio ({@code .h} features); without, log(capacity / the failed limit) ({@code .n},
 *       clipped to [0, 1]) and for the executor the spill-based and RSS-based estimates ({@code .spill},
 *       {@code .rss});</li>
 *   <li>log ratios of cores and partitions (candidate / failed); Kryo buffer and broadcast timeout ratios; the
 *       broadcast join disabled;</li>
 *   <li>{@code fit.logit}: the logit (divided by 4) of the chance that the need the failure implicates fits the
 *       candidate, under the same log-normal beliefs as the config tuner's heuristics; the model learns how far to
 *       trust it per category;</li>
 *   <li>job facts: log input GiB, spill share of the shuffle, log duration of the failed attempt.</li>
 * </ul>
 * Spark configurations only ({@link #covers}).
 */
public final class RetryOutcomeFeatures {

    public static final String VERSION = "retry-outcome-features-v2";

    static final Set<FailureCategory> COVERED = EnumSet.of(FailureCategory.MEMORY_EXECUTOR_OOM,
            FailureCategory.MEMORY_OVERHEAD, FailureCategory.MEMORY_DRIVER, FailureCategory.SERIALIZATION,
            FailureCategory.TIMEOUT);

    private static final double MIB = 1L << 20;

    /** Whether the model can judge this case: a Spark job and a category it was built for. */
    public static boolean covers(RetryCase c) {
        return COVERED.contains(c.category())
                && (c.engine().isEmpty() || c.engine().equals("spark") || c.engine().equals("pyspark"));
    }

    public SortedMap<String, Double> extract(RetryCase c) {
        Failed failed = failed(c);
        return named(failed, extract(failed, SparkSettings.of(c.candidate())));
    }

    /** The features' names after the category prefix, by slot. */
    static final String[] NAMES = {"bias", "hist", "heap.h", "heap.n", "heap.spill", "native.h", "native.n",
            "native.rss", "result.unlimited", "result.h", "result.n", "driver.h", "driver.n", "maxresult.in.text",
            "d.cores", "d.partitions", "d.kryo", "broadcast.off", "d.timeout", "fit.logit", "log.input.gib",
            "spill.share", "log.duration.h"};
    private static final int BIAS = 0;
    private static final int HIST = 1;
    private static final int HEAP_H = 2;
    private static final int HEAP_N = 3;
    private static final int HEAP_SPILL = 4;
    private static final int NATIVE_H = 5;
    private static final int NATIVE_N = 6;
    private static final int NATIVE_RSS = 7;
    private static final int RESULT_UNLIMITED = 8;
    private static final int RESULT_H = 9;
    private static final int RESULT_N = 10;
    private static final int DRIVER_H = 11;
    private static final int DRIVER_N = 12;
    private static final int MAXRESULT_IN_TEXT = 13;
    private static final int D_CORES = 14;
    private static final int D_PARTITIONS = 15;
    private static final int D_KRYO = 16;
    private static final int BROADCAST_OFF = 17;
    private static final int D_TIMEOUT = 18;
    private static final int FIT_LOGIT = 19;
    private static final int LOG_INPUT_GIB = 20;
    private static final int SPILL_SHARE = 21;
    private static final int LOG_DURATION_H = 22;

    /**
     * What the features take from a case's failed attempt and history, worked out once for all the candidates of the
     * same failure ({@code c}'s candidate is not read).
     *
     * @param fixed the features that depend on the failure alone (bias, hist, maxresult.in.text, the job facts), by
     *              slot; 0 in the other slots
     */
    record Failed(RetryCase c, String prefix, SparkSettings now, SparkSettings lastView, RunMetrics lm, double scale,
            double[] fixed) {
    }

    static Failed failed(RetryCase c) {
        SparkSettings now = SparkSettings.of(c.failedConfig());
        RunMetrics m = c.failedMetrics();
        JobOutcome last = c.lastSuccess().filter(o -> o.metrics() != null).orElse(null);
        double scale = 1;
        SparkSettings lastView = null;
        RunMetrics lm = null;
        if (last != null) {
            var merged = new TreeMap<>(c.failedConfig());
            merged.putAll(last.config());
            lastView = SparkSettings.of(merged);
            lm = last.metrics();
            if (positive(m.inputBytes()) && positive(lm.inputBytes())) {
                scale = (double) m.inputBytes() / lm.inputBytes();
            }
        }
        double[] fixed = new double[NAMES.length];
        fixed[BIAS] = 1.0;
        if (lm != null) {
            fixed[HIST] = 1.0;
        }
        fixed[MAXRESULT_IN_TEXT] = c.failureText().contains("maxresultsize") ? 1.0 : 0.0;
        if (positive(m.inputBytes())) {
            fixed[LOG_INPUT_GIB] = Math.log1p(m.inputBytes() / (MIB * 1024)) / 5;
        }
        if (positive(m.shuffleWriteBytes()) && m.spillBytes() != null) {
            fixed[SPILL_SHARE] = Math.min(1, (double) m.spillBytes() / m.shuffleWriteBytes());
        }
        if (positive(m.durationSeconds())) {
            fixed[LOG_DURATION_H] = Math.log1p(m.durationSeconds() / 3600.0);
        }
        return new Failed(c, c.category().name() + "|", now, lastView, lm, scale, fixed);
    }

    /** The features of {@code values} (by slot, as {@link #extract(Failed, SparkSettings)} gives them) by name. */
    static SortedMap<String, Double> named(Failed failed, double[] values) {
        var f = new TreeMap<String, Double>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0.0) {
                f.put(failed.prefix() + NAMES[i], values[i]);
            }
        }
        return f;
    }

    /**
     * The features of the failure {@code failed} retried under {@code cand}, by slot of {@link #NAMES}; 0 stands for a
     * feature that is absent.
     */
    double[] extract(Failed failed, SparkSettings cand) {
        double[] f = failed.fixed().clone();
        RetryCase c = failed.c();
        SparkSettings now = failed.now();
        RunMetrics m = c.failedMetrics();
        double scale = failed.scale();
        SparkSettings lastView = failed.lastView();
        RunMetrics lm = failed.lm();
        // executor heap: compare the candidate's heap per task with the need under the failed shape
        double perTask = (double) cand.cores() / now.cores() * (0.5 + 0.5 * now.partitions() / cand.partitions());
        double eqHeap = SparkSettings.RESERVED_MB + (cand.heapMb() - SparkSettings.RESERVED_MB) / perTask;
        if (lm != null && positive(lm.peakExecutorMemoryBytes())) {
            double perCore = Math.max(1, lm.peakExecutorMemoryBytes() / MIB / 0.975 - SparkSettings.RESERVED_MB)
                    / lastView.cores();
            double need = SparkSettings.RESERVED_MB + now.cores() * perCore * scale
                    * (0.5 + 0.5 * lastView.partitions() / now.partitions());
            f[HEAP_H] = clip(Math.log(eqHeap / need), -1, 0.5);
        } else {
            f[HEAP_N] = clip(Math.log(eqHeap / now.heapMb()), 0, 1);
            if (positive(m.spillBytes()) && positive(m.shuffleWriteBytes())) {
                double share = Math.min(0.9, (double) m.spillBytes() / m.shuffleWriteBytes());
                f[HEAP_SPILL] = clip(Math.log(eqHeap / (0.9 * now.heapMb() / (1 - share))), -1, 0.5);
            }
        }
        // off-heap memory against the overhead
        if (lm != null && positive(lm.peakExecutorRssBytes()) && positive(lm.peakExecutorMemoryBytes())) {
            double used = Math.max(64, (lm.peakExecutorRssBytes() - lm.peakExecutorMemoryBytes()) / MIB / 0.95);
            f[NATIVE_H] = clip(Math.log(cand.overheadMb() / (used * Math.sqrt(scale))), -1, 0.5);
        } else {
            f[NATIVE_N] = clip(Math.log(cand.overheadMb() / now.overheadMb()), 0, 1);
            if (positive(m.peakExecutorRssBytes()) && positive(m.peakExecutorMemoryBytes())
                    && m.peakExecutorRssBytes() > m.peakExecutorMemoryBytes()) {
                double seen = (m.peakExecutorRssBytes() - m.peakExecutorMemoryBytes()) / MIB;
                f[NATIVE_RSS] = clip(Math.log(cand.overheadMb() / seen), -1, 0.5);
            }
        }
        // collected results and the driver heap
        double lastResult = lm == null || lm.resultBytes() == null ? 0 : lm.resultBytes() / MIB;
        if (cand.maxResultMb() == 0) {
            f[RESULT_UNLIMITED] = 1.0;
        } else if (lm != null && lm.resultBytes() != null && lastResult > 0) {
            f[RESULT_H] = clip(Math.log(cand.maxResultMb() / (lastResult * scale)), -1, 0.5);
        } else if (now.maxResultMb() > 0) {
            f[RESULT_N] = clip(Math.log(cand.maxResultMb() / now.maxResultMb()), 0, 1);
        }
        if (lm != null && positive(lm.peakDriverMemoryBytes())) {
            double own = Math.max(64, lm.peakDriverMemoryBytes() / MIB / 0.95 - 1.5 * lastResult);
            double need = own * Math.pow(scale, 0.3) + 1.5 * lastResult * scale;
            f[DRIVER_H] = clip(Math.log(cand.driverMb() / need), -1, 0.5);
        } else {
            f[DRIVER_N] = clip(Math.log(cand.driverMb() / now.driverMb()), 0, 1);
        }
        // shape and the other knobs
        f[D_CORES] = Math.log((double) cand.cores() / now.cores());
        f[D_PARTITIONS] = Math.log((double) cand.partitions() / now.partitions());
        f[D_KRYO] = clip(Math.log(cand.kryoMaxMb() / now.kryoMaxMb()), 0, 2);
        if (now.broadcastEnabled() && !cand.broadcastEnabled()) {
            f[BROADCAST_OFF] = 1.0;
        } else {
            f[D_TIMEOUT] = clip(Math.log(cand.broadcastTimeoutSeconds() / now.broadcastTimeoutSeconds()), 0, 2);
        }
        // the chance that the implicated need fits, under the tuner's documented log-normal beliefs, as a logit
        double fit = implicatedFit(c, now, cand, eqHeap, lm, lastView, scale);
        if (!Double.isNaN(fit)) {
            double q = Math.max(1e-4, Math.min(1 - 1e-4, fit));
            f[FIT_LOGIT] = Math.log(q / (1 - q)) / 4;
        }
        return f;
    }

    /**
     * P(need <= capacity) for the need the failure implicates, with the beliefs of the config tuner's heuristics
     * (median and spread from the last success when known, else from the crossed limit and the metrics); NaN when
     * there is nothing to say.
     */
    static double implicatedFit(RetryCase c, SparkSettings now, SparkSettings cand, double eqHeap, RunMetrics lm,
            SparkSettings lastView, double scale) {
        RunMetrics m = c.failedMetrics();
        switch (c.category()) {
            case MEMORY_EXECUTOR_OOM -> {
                if (lm != null && positive(lm.peakExecutorMemoryBytes())) {
                    double perCore = Math.max(1, lm.peakExecutorMemoryBytes() / MIB / 0.975 - SparkSettings.RESERVED_MB)
                            / lastView.cores();
                    double need = SparkSettings.RESERVED_MB + now.cores() * perCore * scale
                            * (0.5 + 0.5 * lastView.partitions() / now.partitions());
                    return fits(eqHeap, need, lastView.partitions() == now.partitions() ? 0.07 : 0.15, now.heapMb());
                }
                double median = 1.2 * now.heapMb();
                if (positive(m.spillBytes()) && positive(m.shuffleWriteBytes())) {
                    double share = Math.min(0.9, (double) m.spillBytes() / m.shuffleWriteBytes());
                    median = Math.max(median, 0.9 * now.heapMb() / (1 - share));
                }
                return fits(eqHeap, median, 0.25, now.heapMb());
            }
            case MEMORY_OVERHEAD -> {
                if (lm != null && positive(lm.peakExecutorRssBytes()) && positive(lm.peakExecutorMemoryBytes())) {
                    double used = Math.max(64, (lm.peakExecutorRssBytes() - lm.peakExecutorMemoryBytes()) / MIB / 0.95);
                    return fits(cand.overheadMb(), used * Math.sqrt(scale), 0.08, now.overheadMb());
                }
                double median = 1.2 * now.overheadMb();
                if (positive(m.peakExecutorRssBytes()) && positive(m.peakExecutorMemoryBytes())) {
                    median = Math.max(median, 1.1 * (m.peakExecutorRssBytes() - m.peakExecutorMemoryBytes()) / MIB);
                }
                return fits(cand.overheadMb(), median, 0.25, now.overheadMb());
            }
            case MEMORY_DRIVER -> {
                if (c.failureText().contains("maxresultsize") && now.maxResultMb() > 0) {
                    if (cand.maxResultMb() == 0) {
                        return 0.99;
                    }
                    if (lm != null && lm.resultBytes() != null && lm.resultBytes() > 0) {
                        return fits(cand.maxResultMb(), lm.resultBytes() / MIB * scale, 0.06, now.maxResultMb());
                    }
                    return fits(cand.maxResultMb(), 1.3 * now.maxResultMb(), 0.25, now.maxResultMb());
                }
                if (lm != null && positive(lm.peakDriverMemoryBytes())) {
                    double lastResult = lm.resultBytes() == null ? 0 : lm.resultBytes() / MIB;
                    double own = Math.max(64, lm.peakDriverMemoryBytes() / MIB / 0.95 - 1.5 * lastResult);
                    return fits(cand.driverMb(), own * Math.pow(scale, 0.3) + 1.5 * lastResult * scale, 0.08,
                            now.driverMb());
                }
                return fits(cand.driverMb(), 1.25 * now.driverMb(), 0.25, now.driverMb());
            }
            case SERIALIZATION -> {
                return fits(cand.kryoMaxMb(), 1.3 * now.kryoMaxMb(), 0.3, now.kryoMaxMb());
            }
            case TIMEOUT -> {
                return !cand.broadcastEnabled() ? 0.99
                        : fits(cand.broadcastTimeoutSeconds(), 1.3 * now.broadcastTimeoutSeconds(), 0.3,
                        now.broadcastTimeoutSeconds());
            }
            default -> {
                return Double.NaN;
            }
        }
    }

    /** P(need <= capacity) for a log-normal need (median, sigma) known to exceed {@code lowerBound}. */
    static double fits(double capacity, double median, double sigma, double lowerBound) {
        if (capacity <= lowerBound) {
            return 0;
        }
        double p = phi(Math.log(capacity / median) / sigma);
        double below = phi(Math.log(lowerBound / median) / sigma);
        return below >= 1 ? 0 : Math.max(0, (p - below) / (1 - below));
    }

    private static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    private static boolean positive(Long value) {
        return value != null && value > 0;
    }

    private static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

}
