package dev.autoremediate.remediator.store;

import java.time.Instant;

/**
 * The delivery state of one outbox message (Flyway V7): how often it was tried, when it is tried next, through
 * which adapter it went, and why it failed.
 *
 * @param status        {@code PENDING}, {@code DELIVERED} or {@code FAILED}
 * @param attempts      failed delivery attempts so far
 * @param nextAttemptAt not tried before this instant; null = at the next sweep
 * @param deliveredVia  the adapter that delivered it ({@code kafka}, {@code airflow}, …)
 * @param lastError     the last failure's reason
 */
public record OutboxDelivery(long outboxId, String topic, String decisionId, Status status, int attempts,
        Instant nextAttemptAt, String deliveredVia, String lastError, Instant publishedAt, Instant failedAt) {

    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }
}
