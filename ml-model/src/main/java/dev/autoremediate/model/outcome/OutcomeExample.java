package dev.autoremediate.model.outcome;

import dev.autoremediate.datasets.sim.RetryRecord;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A labelled retry: a failure, its category, the job's last successful run before it, and the retry's outcome (whose
 * configuration is the candidate and whose {@code succeeded} is the label). The service's store gives the same
 * (FailureEvent, the decision's category, the retry's JobOutcome) as the simulator does.
 */
public record OutcomeExample(FailureEvent failed, FailureCategory category, Optional<JobOutcome> lastSuccess,
        JobOutcome retry) {

    public OutcomeExample {
        Objects.requireNonNull(failed, "failed");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(retry, "retry");
        lastSuccess = lastSuccess == null ? Optional.empty() : lastSuccess;
    }

    /** The examples of recorded pairs (retry outcome + the failure it retried), without history. */
    public static OutcomeExample recorded(JobOutcome retry, FailureEvent failed, FailureCategory category) {
        return new OutcomeExample(failed, category, Optional.empty(), retry);
    }

    public static List<OutcomeExample> fromSimulator(List<RetryRecord> records) {
        return records.stream().map(r -> new OutcomeExample(r.failed(), r.category(), r.lastSuccess(), r.retry()))
                .toList();
    }

    public RetryCase asCase() {
        return RetryCase.of(failed, category, retry.config(), lastSuccess);
    }

    public String jobId() {
        return failed.job().jobId();
    }
}
