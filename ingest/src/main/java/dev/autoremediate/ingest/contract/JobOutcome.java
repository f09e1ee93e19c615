package dev.autoremediate.ingest.contract;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every finished run, successful or not, as the scheduler reports it on {@code job-outcomes}; it closes the loop
 * (success rate of retries, training data, each job's real needs).
 *
 * @param failureEventId the failure event of this run when it failed; null otherwise
 */
public record JobOutcome(
        int schemaVersion,
        String jobId,
        String runId,
        int attempt,
        Instant finishedAt,
        boolean succeeded,
        Map<String, String> config,
        RunMetrics metrics,
        String failureEventId) {

    public JobOutcome {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }
}
