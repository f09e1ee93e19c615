package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The documented heuristics: each hidden need (executor heap, off-heap overhead, driver heap, collected results,
 * Kryo buffer, broadcast time) is a log-normal belief, and a candidate succeeds when every need fits.
 *
 * <ul>
 *   <li><b>With the job's last successful run</b> (its configuration and peak usage): the need is that run's peak
 *       (divided by 0.975, as a sampled peak under-reads) scaled by the input ratio: the executor heap is 300 MiB
 *       reserved + cores x a per-core share that grows linearly with the input; off-heap memory (peak RSS - peak
 *       heap) with its square root; collected results linearly, the driver's own heap with input^0.3 and results
 *       count 1.5 x in the driver heap. Spread 7% (heap), 8% (off-heap, driver), 6% (results).</li>
 *   <li><b>With a last successful configuration but no peak metrics</b>: a value it had above the failed one is
 *       taken as about what the job needs (median 0.9 x that value, scaled by the input ratio as above; spread 15%).</li>
 *   <li><b>Without history</b>: the failed attempt hit its limit, so the need is above it; a priori 1.2 x the limit
 *       (spread 25%), or more when the run spilled a share s of its shuffle (then about 0.9 x heap / (1 - s)); the
 *       failed container's reported RSS - heap for off-heap memory; 1.3 x maxResultSize (25%) for results, 1.25 x for
 *       the driver heap, 1.3 x (30%) for the Kryo buffer and the broadcast timeout.</li>
 *   <li>Fewer cores per executor shrink the heap need in proportion; more partitions are credited with halving half
 *       of a task's data per doubling (skew is unknown).</li>
 *   <li>Needs the failure did not implicate and no history describes are assumed to fit as long as the candidate
 *       does not lower them. Disabling a broadcast join succeeds with 0.99.</li>
 * </ul>
 * Spark only: other engines get an empty answer (the tuner then applies the rule's steps).
 */
public final class HeuristicEstimator implements SuccessEstimator {

    static final double PEAK_UNDER_READ = 0.975;
    static final double PRIOR_FACTOR = 1.2;
    static final double PRIOR_SIGMA = 0.25;
    static final double CONFIG_ONLY_SHARE = 0.9;
    static final double CONFIG_ONLY_SIGMA = 0.15;

    @Override
    public String name() {
        return "heuristic";
    }

    @Override
    public OptionalDouble estimate(TuningRequest request, Map<String, String> candidate) {
        if (!isSpark(request.engine())) {
            return OptionalDouble.empty();
        }
        SparkView now;
        SparkView c;
        try {
            now = SparkView.of(request.config());
            c = SparkView.of(candidate);
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
        return estimate(beliefs(request, now), now, c);
    }

    /** The same as {@link #estimate} of each candidate's configuration, with the beliefs worked out once. */
    @Override
    public Function<SparkCandidate, OptionalDouble> forCandidates(TuningRequest request) {
        if (!isSpark(request.engine())) {
            return candidate -> OptionalDouble.empty();
        }
        SparkView now;
        try {
            now = SparkView.of(request.config());
        } catch (IllegalArgumentException e) {
            return candidate -> OptionalDouble.empty();
        }
        Beliefs b = beliefs(request, now);
        return candidate -> estimate(b, now, candidate.view());
    }

    private static OptionalDouble estimate(Beliefs b, SparkView now, SparkView c) {
        double p = 1;
        p *= b.heap == null ? (c.heapMb() >= now.heapMb() ? 1 : 0.5) : b.heap.fits(equivalentHeap(now, c));
        p *= b.offHeap == null ? (c.overheadMb() >= now.overheadMb() ? 1 : 0.5) : b.offHeap.fits(c.overheadMb());
        p *= b.result == null || c.maxResultMb() == 0 ? (c.maxResultMb() == 0 || c.maxResultMb() >= now.maxResultMb() ? 1 : 0.5)
                : b.result.fits(c.maxResultMb());
        p *= b.driver == null ? (c.driverMb() >= now.driverMb() ? 1 : 0.5) : b.driver.fits(c.driverMb());
        p *= b.kryo == null ? (c.kryoMb() >= now.kryoMb() ? 1 : 0.5) : b.kryo.fits(c.kryoMb());
        if (b.broadcast != null) {
            p *= c.broadcastEnabled() ? b.broadcast.fits(c.broadcastTimeoutSeconds()) : 0.99;
        }
        return OptionalDouble.of(Math.max(0, Math.min(1, p)));
    }

    /**
     * Changes to needs the failure did not implicate but the job's history shows short: the smallest value (on the
     * tuner's 256 MiB grid, within the step factor) that such a need fits with {@value #COMPANION_FIT}. A run reports
     * only the first limit it hits; without these, its retry would fail on the next one.
     *
     * @return by {@link SparkCandidate.Setting} ordinal, the new value in MiB or {@link SparkCandidate#UNSET}
     */
    static long[] companions(TuningRequest request, SparkView now, double stepFactor) {
        long[] out = SparkCandidate.noChanges();
        Beliefs b;
        try {
            b = beliefs(request, now);
        } catch (IllegalArgumentException e) {
            return out;
        }
        FailureCategory category = request.category();
        if (category != FailureCategory.MEMORY_EXECUTOR_OOM && b.heap() != null && b.heap().lowerBound() == 0) {
            companion(out, SparkCandidate.Setting.EXECUTOR_MEMORY, b.heap(), now.heapMb(), stepFactor);
        }
        if (category != FailureCategory.MEMORY_OVERHEAD && b.offHeap() != null && b.offHeap().lowerBound() == 0) {
            companion(out, SparkCandidate.Setting.EXECUTOR_OVERHEAD, b.offHeap(), now.overheadMb(), stepFactor);
        }
        if (category != FailureCategory.MEMORY_DRIVER) {
            if (b.driver() != null) {
                companion(out, SparkCandidate.Setting.DRIVER_MEMORY, b.driver(), now.driverMb(), stepFactor);
            }
            if (b.result() != null && now.maxResultMb() > 0) {
                companion(out, SparkCandidate.Setting.MAX_RESULT_SIZE, b.result(), now.maxResultMb(), stepFactor);
            }
        }
        return out;
    }

    static final double COMPANION_FIT = 0.98;

    private static void companion(long[] out, SparkCandidate.Setting setting, NeedEstimate need, long current,
            double stepFactor) {
        if (need.fits(current) >= COMPANION_FIT) {
            return;
        }
        List<Long> values = ConfigSearch.grid(current, current * stepFactor, false);
        for (long v : values) {
            if (need.fits(v) >= COMPANION_FIT) {
                out[setting.ordinal()] = v;
                return;
            }
        }
        if (!values.isEmpty()) {
            out[setting.ordinal()] = values.get(values.size() - 1);
        }
    }

    static boolean isSpark(String engine) {
        return engine.isEmpty() || engine.equals("spark") || engine.equals("pyspark") || engine.equals("databricks");
    }

    /**
     * The heap that, under the current cores and partitions, would be worth the candidate's heap under its own: fewer
     * cores share the heap among fewer tasks; more partitions make tasks smaller.
     */
    static double equivalentHeap(SparkView now, SparkView c) {
        double perTaskShrink = (double) c.cores() / now.cores() * partitionShrink(now.partitions(), c.partitions());
        return SparkView.RESERVED_MB + (c.heapMb() - SparkView.RESERVED_MB) / perTaskShrink;
    }

    /** How much smaller a task gets going from {@code from} to {@code to} partitions (half the data splits). */
    static double partitionShrink(int from, int to) {
        return 0.5 + 0.5 * from / to;
    }

    record Beliefs(NeedEstimate heap, NeedEstimate offHeap, NeedEstimate result, NeedEstimate driver,
            NeedEstimate kryo, NeedEstimate broadcast) {
    }

    static Beliefs beliefs(TuningRequest request, SparkView now) {
        FailureCategory category = request.category();
        RunMetrics m = request.metrics();
        String text = request.failureText();
        Optional<JobOutcome> last = request.lastSuccess();
        SparkView lastView = null;
        if (last.isPresent()) {
            try {
                // keys the last run did not record are taken to be as in the failed run
                var merged = new java.util.TreeMap<>(request.config());
                merged.putAll(last.get().config());
                lastView = SparkView.of(merged);
            } catch (IllegalArgumentException e) {
                last = Optional.empty();
            }
        }
        double scale = 1;
        if (last.isPresent() && last.get().metrics() != null && positive(m.inputBytes())
                && positive(last.get().metrics().inputBytes())) {
            scale = (double) m.inputBytes() / last.get().metrics().inputBytes();
        }
        RunMetrics lm = last.map(JobOutcome::metrics).orElse(null);

        // executor heap, expressed under the current cores and partitions
        boolean oom = category == FailureCategory.MEMORY_EXECUTOR_OOM;
        NeedEstimate heap = null;
        if (lm != null && positive(lm.peakExecutorMemoryBytes())) {
            double perCore = Math.max(1, mib(lm.peakExecutorMemoryBytes()) / PEAK_UNDER_READ - SparkView.RESERVED_MB)
                    / lastView.cores();
            double median = SparkView.RESERVED_MB + now.cores() * perCore * scale
                    * partitionShrink(lastView.partitions(), now.partitions());
            double sigma = lastView.partitions() == now.partitions() ? 0.07 : 0.15;
            heap = new NeedEstimate(median, sigma, oom ? now.heapMb() : 0);
        } else if (lastView != null && lastView.heapMb() > now.heapMb() && lastView.cores() == now.cores()) {
            heap = new NeedEstimate(CONFIG_ONLY_SHARE * lastView.heapMb() * scale, CONFIG_ONLY_SIGMA, oom ? now.heapMb() : 0);
        } else if (oom) {
            double median = PRIOR_FACTOR * now.heapMb();
            if (positive(m.spillBytes()) && positive(m.shuffleWriteBytes())) {
                double share = Math.min(0.9, (double) m.spillBytes() / m.shuffleWriteBytes());
                median = Math.max(median, 0.9 * now.heapMb() / (1 - share));
            }
            heap = new NeedEstimate(median, PRIOR_SIGMA, now.heapMb());
        }

        // executor off-heap memory (what the overhead must hold)
        boolean overhead = category == FailureCategory.MEMORY_OVERHEAD;
        NeedEstimate offHeap = null;
        if (lm != null && positive(lm.peakExecutorRssBytes()) && positive(lm.peakExecutorMemoryBytes())) {
            double used = Math.max(64, (mib(lm.peakExecutorRssBytes()) - mib(lm.peakExecutorMemoryBytes())) / 0.95);
            offHeap = new NeedEstimate(used * Math.sqrt(scale), 0.08, overhead ? now.overheadMb() : 0);
        } else if (lastView != null && lastView.overheadMb() > now.overheadMb()) {
            offHeap = new NeedEstimate(CONFIG_ONLY_SHARE * lastView.overheadMb() * Math.sqrt(scale), CONFIG_ONLY_SIGMA,
                    overhead ? now.overheadMb() : 0);
        } else if (overhead) {
            double median = PRIOR_FACTOR * now.overheadMb();
            if (positive(m.peakExecutorRssBytes()) && positive(m.peakExecutorMemoryBytes())) {
                median = Math.max(median, 1.1 * (mib(m.peakExecutorRssBytes()) - mib(m.peakExecutorMemoryBytes())));
            }
            offHeap = new NeedEstimate(median, PRIOR_SIGMA, now.overheadMb());
        }

        // driver: collected results and the driver heap
        boolean driverFailure = category == FailureCategory.MEMORY_DRIVER;
        boolean resultFailure = driverFailure && text.contains("maxresultsize");
        NeedEstimate result = null;
        double resultMedian = 0;
        if (lm != null && lm.resultBytes() != null && lastView.maxResultMb() > 0) {
            resultMedian = mib(lm.resultBytes()) * scale;
            result = new NeedEstimate(Math.max(1, resultMedian), 0.06, resultFailure ? now.maxResultMb() : 0);
        } else if (resultFailure && lastView != null && lastView.maxResultMb() > now.maxResultMb()) {
            resultMedian = CONFIG_ONLY_SHARE * lastView.maxResultMb() * scale;
            result = new NeedEstimate(resultMedian, CONFIG_ONLY_SIGMA, now.maxResultMb());
        } else if (resultFailure && now.maxResultMb() > 0) {
            resultMedian = 1.3 * now.maxResultMb();
            result = new NeedEstimate(resultMedian, PRIOR_SIGMA, now.maxResultMb());
        }
        NeedEstimate driver = null;
        if (lm != null && positive(lm.peakDriverMemoryBytes())) {
            double lastResult = lm.resultBytes() == null ? 0 : mib(lm.resultBytes());
            double own = Math.max(64, mib(lm.peakDriverMemoryBytes()) / 0.95 - 1.5 * lastResult);
            double median = own * Math.pow(scale, 0.3) + 1.5 * lastResult * scale;
            driver = new NeedEstimate(median, 0.08, driverFailure && !resultFailure ? now.driverMb() : 0);
        } else if (lastView != null && lastView.driverMb() > now.driverMb()) {
            driver = new NeedEstimate(CONFIG_ONLY_SHARE * lastView.driverMb() * Math.pow(scale, 0.3), CONFIG_ONLY_SIGMA,
                    driverFailure && !resultFailure ? now.driverMb() : 0);
        } else if (driverFailure && !resultFailure) {
            driver = new NeedEstimate(1.25 * now.driverMb(), PRIOR_SIGMA, now.driverMb());
        } else if (resultFailure) {
            double seen = positive(m.peakDriverMemoryBytes()) ? mib(m.peakDriverMemoryBytes()) / 0.95 : 0.5 * now.driverMb();
            driver = new NeedEstimate(seen + 1.5 * Math.max(0, resultMedian - now.maxResultMb()), PRIOR_SIGMA, 0);
        }

        NeedEstimate kryo = category == FailureCategory.SERIALIZATION && text.contains("kryo")
                ? new NeedEstimate(1.3 * now.kryoMb(), 0.3, now.kryoMb()) : null;
        NeedEstimate broadcast = category == FailureCategory.TIMEOUT && text.contains("broadcast") && now.broadcastEnabled()
                ? new NeedEstimate(1.3 * now.broadcastTimeoutSeconds(), 0.3, now.broadcastTimeoutSeconds()) : null;
        return new Beliefs(heap, offHeap, result, driver, kryo, broadcast);
    }

    private static boolean positive(Long value) {
        return value != null && value > 0;
    }

    private static double mib(long bytes) {
        return bytes / (double) (1L << 20);
    }
}
