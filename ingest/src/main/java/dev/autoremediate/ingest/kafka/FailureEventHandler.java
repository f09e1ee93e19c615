package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.contract.FailureEvent;

/**
 * What happens to a valid failure event. The consumer commits a record's offset only after {@link #handle}
 * returned, so an implementation must return only once its decision is durably stored.
 *
 * <p>Contract: <b>idempotent</b>. Kafka delivers at least once; the same event (same {@code eventId}) may arrive
 * again after a crash or a rebalance, and a second call must not act a second time. Throw
 * {@link TransientProcessingException} for a passing fault (store or broker unreachable): the record is retried
 * with backoff and never dead-lettered. Any other exception is retried a few times, then dead-lettered with its
 * message as the reason.
 */
@FunctionalInterface
public interface FailureEventHandler {

    void handle(FailureEvent event);

    /**
     * Handles a consumer's batch of valid events, in order; returns only once every decision is durably stored, or
     * throws (then the whole batch is retried, which idempotency makes safe). An implementation may store the batch
     * in one transaction. The default handles them one by one.
     */
    default void handleAll(java.util.List<FailureEvent> events) {
        events.forEach(this::handle);
    }
}
