package dev.autoremediate.model.outcome;

import dev.autoremediate.datasets.sim.SparkSettings;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The feature extraction of RetryOutcomeFeatures as it was before its features were computed into arrays (one
 * {@code TreeMap} of named values per candidate): kept as the reference the new computation is compared with, feature
 * by feature (RetryOutcomeFeaturesTest). The chance that the implicated need fits, which did not change, is
 * RetryOutcomeFeatures.implicatedFit.
 */
final class RetryOutcomeFeaturesReference {

    private static final double MIB = 1L << 20;

    SortedMap<String, Double> extract(RetryCase c) {
        return extract(failed(c), SparkSettings.of(c.candidate()));
    }

    /**
     * What the features take from a case's failed attempt and history, worked out once for all the candidates of the
     * same failure ({@code c}'s candidate is not read).
     */
    record Failed(RetryCase c, String prefix, SparkSettings now, SparkSettings lastView, RunMetrics lm, double scale) {
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
        return new Failed(c, c.category().name() + "|", now, lastView, lm, scale);
    }

    /** The features of the failure {@code failed} retried under {@code cand}. */
    SortedMap<String, Double> extract(Failed failed, SparkSettings cand) {
        var f = new TreeMap<String, Double>();
        RetryCase c = failed.c();
        String p = failed.prefix();
        SparkSettings now = failed.now();
        RunMetrics m = c.failedMetrics();
        double scale = failed.scale();
        SparkSettings lastView = failed.lastView();
        RunMetrics lm = failed.lm();
        f.put(p + "bias", 1.0);
        if (lm != null) {
            f.put(p + "hist", 1.0);
        }
        // executor heap: compare the candidate's heap per task with the need under the failed shape
        double perTask = (double) cand.cores() / now.cores() * (0.5 + 0.5 * now.partitions() / cand.partitions());
        double eqHeap = SparkSettings.RESERVED_MB + (cand.heapMb() - SparkSettings.RESERVED_MB) / perTask;
        if (lm != null && positive(lm.peakExecutorMemoryBytes())) {
            double perCore = Math.max(1, lm.peakExecutorMemoryBytes() / MIB / 0.975 - SparkSettings.RESERVED_MB)
                    / lastView.cores();
            double need = SparkSettings.RESERVED_MB + now.cores() * perCore * scale
                    * (0.5 + 0.5 * lastView.partitions() / now.partitions());
            f.put(p + "heap.h", clip(Math.log(eqHeap / need), -1, 0.5));
        } else {
            f.put(p + "heap.n", clip(Math.log(eqHeap / now.heapMb()), 0, 1));
            if (positive(m.spillBytes()) && positive(m.shuffleWriteBytes())) {
                double share = Math.min(0.9, (double) m.spillBytes() / m.shuffleWriteBytes());
                f.put(p + "heap.spill", clip(Math.log(eqHeap / (0.9 * now.heapMb() / (1 - share))), -1, 0.5));
            }
        }
        // off-heap memory against the overhead
        if (lm != null && positive(lm.peakExecutorRssBytes()) && positive(lm.peakExecutorMemoryBytes())) {
            double used = Math.max(64, (lm.peakExecutorRssBytes() - lm.peakExecutorMemoryBytes()) / MIB / 0.95);
            f.put(p + "native.h", clip(Math.log(cand.overheadMb() / (used * Math.sqrt(scale))), -1, 0.5));
        } else {
            f.put(p + "native.n", clip(Math.log(cand.overheadMb() / now.overheadMb()), 0, 1));
            if (positive(m.peakExecutorRssBytes()) && positive(m.peakExecutorMemoryBytes())
                    && m.peakExecutorRssBytes() > m.peakExecutorMemoryBytes()) {
                double seen = (m.peakExecutorRssBytes() - m.peakExecutorMemoryBytes()) / MIB;
                f.put(p + "native.rss", clip(Math.log(cand.overheadMb() / seen), -1, 0.5));
            }
        }
        // collected results and the driver heap
        double lastResult = lm == null || lm.resultBytes() == null ? 0 : lm.resultBytes() / MIB;
        if (cand.maxResultMb() == 0) {
            f.put(p + "result.unlimited", 1.0);
        } else if (lm != null && lm.resultBytes() != null && lastResult > 0) {
            f.put(p + "result.h", clip(Math.log(cand.maxResultMb() / (lastResult * scale)), -1, 0.5));
        } else if (now.maxResultMb() > 0) {
            f.put(p + "result.n", clip(Math.log(cand.maxResultMb() / now.maxResultMb()), 0, 1));
        }
        if (lm != null && positive(lm.peakDriverMemoryBytes())) {
            double own = Math.max(64, lm.peakDriverMemoryBytes() / MIB / 0.95 - 1.5 * lastResult);
            double need = own * Math.pow(scale, 0.3) + 1.5 * lastResult * scale;
            f.put(p + "driver.h", clip(Math.log(cand.driverMb() / need), -1, 0.5));
        } else {
            f.put(p + "driver.n", clip(Math.log(cand.driverMb() / now.driverMb()), 0, 1));
        }
        f.put(p + "maxresult.in.text", c.failureText().contains("maxresultsize") ? 1.0 : 0.0);
        // shape and the other knobs
        f.put(p + "d.cores", Math.log((double) cand.cores() / now.cores()));
        f.put(p + "d.partitions", Math.log((double) cand.partitions() / now.partitions()));
        f.put(p + "d.kryo", clip(Math.log(cand.kryoMaxMb() / now.kryoMaxMb()), 0, 2));
        if (now.broadcastEnabled() && !cand.broadcastEnabled()) {
            f.put(p + "broadcast.off", 1.0);
        } else {
            f.put(p + "d.timeout", clip(Math.log(cand.broadcastTimeoutSeconds() / now.broadcastTimeoutSeconds()), 0, 2));
        }
        // the chance that the implicated need fits, under the tuner's documented log-normal beliefs, as a logit
        double fit = RetryOutcomeFeatures.implicatedFit(c, now, cand, eqHeap, lm, lastView, scale); // unchanged
        if (!Double.isNaN(fit)) {
            double q = Math.max(1e-4, Math.min(1 - 1e-4, fit));
            f.put(p + "fit.logit", Math.log(q / (1 - q)) / 4);
        }
        // job facts
        if (positive(m.inputBytes())) {
            f.put(p + "log.input.gib", Math.log1p(m.inputBytes() / (MIB * 1024)) / 5);
        }
        if (positive(m.shuffleWriteBytes()) && m.spillBytes() != null) {
            f.put(p + "spill.share", Math.min(1, (double) m.spillBytes() / m.shuffleWriteBytes()));
        }
        if (positive(m.durationSeconds())) {
            f.put(p + "log.duration.h", Math.log1p(m.durationSeconds() / 3600.0));
        }
        f.values().removeIf(v -> v == 0.0);
        return f;
    }

    private static boolean positive(Long value) {
        return value != null && value > 0;
    }

    private static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

}
