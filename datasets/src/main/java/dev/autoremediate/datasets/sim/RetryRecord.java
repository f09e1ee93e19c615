package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * One retried failure: the failure, what was known of the job before it (its last successful run), and the retry's
 * outcome (its configuration is the one tried; {@code succeeded} is the label of the outcome model).
 *
 * @param failed      the failure event of the attempt that failed
 * @param category    the failure's category
 * @param lastSuccess the job's last successful run before the failure, if any
 * @param retry       the outcome of the retry
 */
public record RetryRecord(FailureEvent failed, FailureCategory category, Optional<JobOutcome> lastSuccess,
        JobOutcome retry) {

    public RetryRecord {
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(retry, "retry");
        lastSuccess = lastSuccess == null ? Optional.empty() : lastSuccess;
    }
}
