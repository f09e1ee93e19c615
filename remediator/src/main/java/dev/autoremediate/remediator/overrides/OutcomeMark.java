package dev.autoremediate.remediator.overrides;

import java.time.Instant;

/**
 * The last job outcome an override took into account: an outcome at or before it is not applied again (outcomes of
 * a job arrive in order on their Kafka partition; a redelivered one is recognised here).
 */
public record OutcomeMark(String runId, int attempt, Instant finishedAt) {

    /** Whether an outcome of this run attempt, finished at {@code finishedAt}, was already taken into account. */
    public boolean covers(String otherRunId, int otherAttempt, Instant otherFinishedAt) {
        if (runId.equals(otherRunId) && attempt == otherAttempt) {
            return true;
        }
        return otherFinishedAt != null && finishedAt != null && otherFinishedAt.isBefore(finishedAt);
    }
}
