package dev.autoremediate.ingest.contract;

import java.time.Instant;

/**
 * A failed run of a job, as the scheduler reports it on topic {@code job-failures} (key = {@code job.jobId}).
 *
 * @param schemaVersion always 1 for this contract
 * @param eventId       unique per failure; the idempotency key
 * @param occurredAt    when the run failed
 * @param job           the job and run
 * @param failure       what went wrong
 * @param metrics       optional run metrics (null when absent)
 */
public record FailureEvent(
        int schemaVersion,
        String eventId,
        Instant occurredAt,
        Job job,
        Failure failure,
        RunMetrics metrics) {

    public static final int SCHEMA_VERSION = 1;
}
