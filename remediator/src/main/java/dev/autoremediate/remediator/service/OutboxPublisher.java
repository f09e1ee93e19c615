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
 * then marked published. Runs on its own thread, woken after each commit ({@link #requestPublish()}), and on a timer,
 * so messages that could not be sent (broker down, crash after the commit) go out later; the consumer never waits
 * for Kafka. Messages go out in batches: all sent at once (the idempotent producer keeps their order per partition),
 * then all acknowledgements awaited in order, then the acknowledged prefix marked in one update. A crash between
 * sending and marking sends a message twice; its ids ({@code decisionId}, {@code commandId}) let consumers drop the
 * copy.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 500;

    private final DecisionStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final long sendTimeoutMillis;

    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "outbox-publisher");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis) {
        this.store = store;
        this.kafka = kafka;
        this.clock = clock;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /**
     * Asks the publisher thread to publish what is pending, and returns at once. Requests that arrive while one is
     * waiting are coalesced: a burst of decisions is published in a few batches.
     */
    public void requestPublish() {
        if (requested.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    requested.set(false);
                    sweep();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                requested.set(false);
            }
        }
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
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>(batch.size());
            for (OutboxMessage m : batch) {
                try {
                    futures.add(kafka.send(m.topic(), m.key(), m.payload().getBytes(StandardCharsets.UTF_8)));
                } catch (RuntimeException e) {
                    // e.g. no metadata within max.block.ms: the broker is unreachable; send nothing after it
                    futures.add(java.util.concurrent.CompletableFuture.failedFuture(e));
                    break;
                }
            }
            var sent = new java.util.ArrayList<Long>(batch.size());
            String failure = null;
            for (int i = 0; i < futures.size(); i++) {
                OutboxMessage m = batch.get(i);
                try {
                    futures.get(i).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
                    sent.add(m.id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted";
                    break;
                } catch (Exception e) {
                    log.warn("Could not publish outbox message {} to {} (decision {}); will retry: {}", m.id(), m.topic(),
                            m.decisionId(), e.toString());
                    failure = e.toString();
                    break;
                }
            }
            // only the acknowledged prefix is marked: what follows a failure is sent again, in order, later
            store.markPublished(sent, clock.instant());
            published += sent.size();
            if (failure != null) {
                return published;
            }
        } while (batch.size() == BATCH);
        return published;
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
