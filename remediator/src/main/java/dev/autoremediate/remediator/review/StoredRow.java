package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.contract.Decision;

/**
 * A decision as stored: its status is the status column's (which later steps update), the event JSON it was decided
 * on, and the job's owner.
 */
public record StoredRow(Decision decision, String eventJson, String owner) {
}
