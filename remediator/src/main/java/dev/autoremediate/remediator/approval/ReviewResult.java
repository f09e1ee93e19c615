package dev.autoremediate.remediator.approval;

import dev.autoremediate.ingest.contract.Decision;
import java.util.Optional;

/**
 * What an approval or rejection did.
 *
 * @param decision the decision after the action (DONE), as it is (NOT_PENDING), or empty (NOT_FOUND)
 */
public record ReviewResult(Outcome outcome, Optional<Decision> decision) {

    public enum Outcome {
        DONE,
        NOT_FOUND,
        /** the decision is not waiting for approval (any more): someone else was first, or it never was */
        NOT_PENDING
    }
}
