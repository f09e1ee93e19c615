package dev.autoremediate.remediator.enrichment;

import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.Objects;

/**
 * Adds what a failure event lacks (run metrics from an engine's history service, ...) before it is classified.
 *
 * <p>Contract: returns within a bounded time, never throws, and never loses the event: on any fault it returns the
 * event unchanged (and logs a WARN). It is called on the consumer thread, before the decision is stored.
 */
@FunctionalInterface
public interface EventEnricher {

    /** Enriches nothing. */
    EventEnricher NONE = Enriched::unchanged;

    Enriched enrich(FailureEvent event);

    /**
     * The event to decide on, and what was added to it.
     *
     * @param event the event, enriched or as it was
     * @param note  one line for the decision's explanation saying what was added and from where; null when nothing
     */
    record Enriched(FailureEvent event, String note) {

        public Enriched {
            Objects.requireNonNull(event, "event");
        }

        public static Enriched unchanged(FailureEvent event) {
            return new Enriched(event, null);
        }

        public boolean changed() {
            return note != null;
        }
    }
}
