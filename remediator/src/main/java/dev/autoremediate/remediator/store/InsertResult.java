package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.contract.Decision;
import java.util.Optional;

/**
 * What happened to an insert: stored, or refused because the event or the run attempt was already decided (the
 * existing decision is returned so that the caller can log it).
 */
public record InsertResult(Outcome outcome, Optional<Decision> existing) {

    public enum Outcome {
        STORED,
        DUPLICATE_EVENT,
        DUPLICATE_RUN_ATTEMPT
    }

    public static InsertResult stored() {
        return new InsertResult(Outcome.STORED, Optional.empty());
    }

    public boolean isStored() {
        return outcome == Outcome.STORED;
    }
}
