package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;

/**
 * One finished attempt.
 *
 * @param outcome      the JobOutcome the scheduler reports (every attempt, successful or not)
 * @param failure      the FailureEvent of a failed attempt, {@code null} on success
 * @param trueCategory why it really failed, {@code null} on success (hidden from strategies)
 * @param doomed       the run was broken by its owner: no retry can succeed
 * @param gbHours      what the attempt cost: (executors x executor container + driver container) x hours, in GB-hours
 * @param needs        the hidden needs of the attempt
 */
public record RunResult(JobOutcome outcome, FailureEvent failure, FailureCategory trueCategory, boolean doomed,
        double gbHours, Needs needs) {

    public boolean succeeded() {
        return failure == null;
    }
}
