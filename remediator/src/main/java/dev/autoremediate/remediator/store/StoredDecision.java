package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.contract.Decision;

/** A decision row: the decision and the event JSON it was taken on (for review and retraining). */
public record StoredDecision(Decision decision, String eventJson) {
}
