package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.contract.Decision;

/**
 * A decision row: the decision and the event JSON it was taken on (for review and retraining).
 *
 * @param owner        the job's owner (team) from the event, for filtering by team; may be null
 * @param decisionJson the decision already encoded as JSON (e.g. for its outbox message), so that the store does not
 *                     encode it a second time; null to let the store encode it
 */
public record StoredDecision(Decision decision, String eventJson, String owner, String decisionJson) {

    public StoredDecision(Decision decision, String eventJson, String owner) {
        this(decision, eventJson, owner, null);
    }

    public StoredDecision(Decision decision, String eventJson) {
        this(decision, eventJson, null, null);
    }
}
