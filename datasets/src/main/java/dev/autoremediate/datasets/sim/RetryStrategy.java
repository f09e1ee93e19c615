package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a platform does after a failed attempt: retry (with configuration overrides, possibly none) or stop. A
 * strategy sees only what a real service would: the failure event and the job's earlier outcomes.
 */
public interface RetryStrategy {

    /** Short name used in reports ({@code tuned}, {@code double-memory}). */
    String name();

    /**
     * @param failed  the failure event of the attempt that just failed
     * @param history the job's earlier outcomes (every attempt, all days so far), newest first
     * @return the overrides of the next attempt's configuration, or empty to stop retrying this run
     */
    Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history);
}
