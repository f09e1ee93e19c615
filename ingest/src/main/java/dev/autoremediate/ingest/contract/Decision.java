package dev.autoremediate.ingest.contract;

import java.time.Instant;

/**
 * What the service decided about one failure event; published on {@code remediation-decisions} (key = jobId)
 * and stored as a row of the decision store.
 */
public record Decision(
        int schemaVersion,
        String decisionId,
        String eventId,
        Instant decidedAt,
        String jobId,
        String runId,
        int attempt,
        Classification classification,
        Action action,
        DecisionStatus status) {

    public Decision withStatus(DecisionStatus newStatus) {
        return new Decision(schemaVersion, decisionId, eventId, decidedAt, jobId, runId, attempt, classification,
                action, newStatus);
    }
}
