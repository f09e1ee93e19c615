package dev.autoremediate.remediator.policy;

import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The largest memory a job's recent runs used, per kind, from the metrics of their outcomes (successful or not: a
 * failed run used at least that much). A field is null when no run reported it.
 *
 * @param peakExecutorMemoryBytes largest peak executor JVM heap
 * @param peakExecutorRssBytes    largest peak resident memory of one executor's process tree (the container's use)
 * @param peakDriverMemoryBytes   largest peak driver JVM heap
 * @param resultBytes             largest total of results collected to the driver
 * @param runs                    how many outcomes were looked at
 */
public record PeakUsage(Long peakExecutorMemoryBytes, Long peakExecutorRssBytes, Long peakDriverMemoryBytes,
        Long resultBytes, int runs) {

    /** The peaks over {@code outcomes}; empty when none of them reported a memory metric. */
    public static Optional<PeakUsage> of(Collection<JobOutcome> outcomes) {
        var usage = new PeakUsage(max(outcomes, RunMetrics::peakExecutorMemoryBytes),
                max(outcomes, RunMetrics::peakExecutorRssBytes), max(outcomes, RunMetrics::peakDriverMemoryBytes),
                max(outcomes, RunMetrics::resultBytes), outcomes.size());
        boolean any = usage.peakExecutorMemoryBytes != null || usage.peakExecutorRssBytes != null
                || usage.peakDriverMemoryBytes != null || usage.resultBytes != null;
        return any ? Optional.of(usage) : Optional.empty();
    }

    private static Long max(Collection<JobOutcome> outcomes, Function<RunMetrics, Long> metric) {
        Long max = null;
        for (JobOutcome o : outcomes) {
            Long v = o.metrics() == null ? null : metric.apply(o.metrics());
            if (v != null && v >= 0 && (max == null || v > max)) {
                max = v;
            }
        }
        return max;
    }
}
