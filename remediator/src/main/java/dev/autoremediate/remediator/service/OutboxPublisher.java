package dev.autoremediate.remediator.service;

import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the outbox: every message stored with a decision is sent to Kafka (idempotent producer, acks=all) and
 * then marked published. Runs right after each decision and on a timer, so messages that could not be sent (broker
 * down, crash after the commit) go out later. A crash between sending and marking sends a message twice; its ids
 * ({@code decisionId}, {@code commandId}) let consumers drop the copy.
 */
public final class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 500;

    private final DecisionStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final long sendTimeoutMillis;

    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis) {
        this.store = store;
        this.kafka = kafka;
        this.clock = clock;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /**
     * Sends what is unpublished, oldest first, and stops at the first failure (order per key is kept).
     *
     * @return how many messages were published
     */
    public synchronized int publishPending() {
        int published = 0;
        List<OutboxMessage> batch;
        do {
            batch = store.unpublished(BATCH);
            for (OutboxMessage m : batch) {
                try {
                    kafka.send(m.topic(), m.key(), m.payload().getBytes(StandardCharsets.UTF_8))
                            .get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return published;
                } catch (Exception e) {
                    log.warn("Could not publish outbox message {} to {} (decision {}); will retry: {}", m.id(), m.topic(),
                            m.decisionId(), e.toString());
                    return published;
                }
                store.markPublished(m.id(), clock.instant());
                published++;
            }
        } while (batch.size() == BATCH);
        return published;
    }

    /** For the timer: never throws. */
    public void sweep() {
        try {
            int n = publishPending();
            if (n > 0) {
                log.info("Published {} outbox messages left over from earlier", n);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox sweep failed; will retry: {}", e.toString());
        }
    }
}
