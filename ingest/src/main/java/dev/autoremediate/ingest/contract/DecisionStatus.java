package dev.autoremediate.ingest.contract;

/** Where a decision is in its life: proposed, waiting for a human, applied, and finally how the retry went. */
public enum DecisionStatus {
    PROPOSED,
    PENDING_APPROVAL,
    APPLIED,
    REJECTED,
    SUCCEEDED,
    FAILED,
    DRY_RUN
}
