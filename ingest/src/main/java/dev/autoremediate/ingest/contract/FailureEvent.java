package dev.autoremediate.ingest.contract;

import java.time.Instant;
import java.util.List;

/**
 * A failed run of a job, as the scheduler reports it on topic {@code job-failures} (key = {@code job.jobId}).
 *
 * @param schemaVersion always 1 for this contract
 * @param eventId       unique per failure; the idempotency key
 * @param occurredAt    when the run failed
 * @param job           the job and run
 * @param failure       what went wrong
 * @param metrics       optional run metrics (null when absent)
 * @param redactions    what ingest redacted before the event was stored, published or shown, one entry per field
 *                      ({@code "failure.message: aws-access-key-id x1"}); empty when nothing was. Added by the
 *                      codec to any notes the record already had (so an event read back keeps them).
 */
public record FailureEvent(
        int schemaVersion,
        String eventId,
        Instant occurredAt,
        Job job,
        Failure failure,
        RunMetrics metrics,
        List<String> redactions) {

    public static final int SCHEMA_VERSION = 1;

    public FailureEvent {
        redactions = redactions == null ? List.of() : List.copyOf(redactions);
    }

    /** An event with nothing redacted (the form producers build). */
    public FailureEvent(int schemaVersion, String eventId, Instant occurredAt, Job job, Failure failure,
            RunMetrics metrics) {
        this(schemaVersion, eventId, occurredAt, job, failure, metrics, List.of());
    }
}
