package dev.autoremediate.remediator.store;

import java.time.Instant;

/**
 * A message to publish after its decision was stored.
 *
 * @param id          assigned by the store; 0 before it is stored
 * @param publishedAt null while it waits to be published
 * @param deliveryAttempts failed delivery attempts so far (scheduler adapters; Flyway V7)
 */
public record OutboxMessage(long id, String topic, String key, String payload, String decisionId, Instant createdAt,
        Instant publishedAt, int deliveryAttempts) {

    public OutboxMessage(long id, String topic, String key, String payload, String decisionId, Instant createdAt,
            Instant publishedAt) {
        this(id, topic, key, payload, decisionId, createdAt, publishedAt, 0);
    }

    public static OutboxMessage pending(String topic, String key, String payload) {
        return new OutboxMessage(0, topic, key, payload, null, null, null);
    }
}
