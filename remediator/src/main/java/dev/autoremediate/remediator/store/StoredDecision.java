package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.contract.Decision;

/**
 * A decision row: the decision and the event JSON it was taken on (for review and retraining).
 *
 * @param owner the job's owner (team) from the event, for filtering by team; may be null
 */
public record StoredDecision(Decision decision, String eventJson, String owner) {

    public StoredDecision(Decision decision, String eventJson) {
        this(decision, eventJson, null);
    }
}
