package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of finished runs (topic {@code job-outcomes}). Implementations throw Spring's
 * {@code DataAccessException}s; the transient ones mean "try again later".
 */
public interface OutcomeStore {

    /** Records an outcome unless its run attempt was already recorded; true when it was new. */
    boolean record(JobOutcome outcome);

    /** The job's outcomes, most recently finished first. */
    List<JobOutcome> outcomesOf(String jobId, int limit);

    /** The job's most recently finished successful run. */
    Optional<JobOutcome> lastSuccess(String jobId);

    Optional<JobOutcome> find(String runId, int attempt);

    long count();
}
