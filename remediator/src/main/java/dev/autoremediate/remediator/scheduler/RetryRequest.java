package dev.autoremediate.remediator.scheduler;

import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RetryCommand;
import java.util.Objects;

/**
 * A retry command together with the job of the failure it answers: the adapters need the job's identity in the
 * scheduler (its {@code runId}, {@code jobId} and {@code scheduler}), which the command alone does not carry.
 *
 * @param command the command as published on {@code job-retry-commands}
 * @param job     the failed run's job, from the stored failure event
 */
public record RetryRequest(RetryCommand command, Job job) {

    public RetryRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(job, "job");
    }

    /** The scheduler named by the event, lower case; empty when the event named none. */
    public String schedulerName() {
        return job.scheduler() == null ? "" : job.scheduler().trim().toLowerCase(java.util.Locale.ROOT);
    }
}
