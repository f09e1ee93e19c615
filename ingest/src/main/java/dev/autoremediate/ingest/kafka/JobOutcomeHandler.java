package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.contract.JobOutcome;

/**
 * What happens to a valid job outcome (a finished run, successful or not). As for {@link FailureEventHandler}, the
 * consumer commits the record's offset only after {@link #handle} returned, so an implementation returns only once
 * the outcome is durably recorded.
 *
 * <p>Contract: <b>idempotent</b> — the same outcome (same run and attempt) may arrive again, and recording it twice
 * must change nothing. Throw {@link TransientProcessingException} for a passing fault (the record is retried
 * without limit, never dead-lettered).
 */
@FunctionalInterface
public interface JobOutcomeHandler {

    void handle(JobOutcome outcome);
}
