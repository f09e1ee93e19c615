package dev.autoremediate.remediator.service;

import dev.autoremediate.remediator.scheduler.DeliveryResult;
import dev.autoremediate.remediator.scheduler.KafkaSchedulerClient;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the outbox: every message stored with a decision is sent to Kafka (idempotent producer, acks=all) and
 * then marked published. Runs on its own thread, woken after each commit ({@link #requestPublish()}), and on a timer, so messages that could not be sent (broker
 * down, crash after the commit) go out later. A crash between sending and marking sends a message twice; its ids
 * ({@code decisionId}, {@code commandId}) let consumers drop the copy.
 *
 * <p>With a {@link RetryDelivery}, retry commands go through the scheduler adapter of their job: those routed to
 * Kafka are sent here like every other message; those routed to an HTTP adapter (Maestro, Airflow, webhook) are
 * delivered only by {@link #deliverToSchedulers()} on the timer thread, under their own lock, so that a slow or
 * unreachable scheduler never holds up the consumer or the Kafka messages.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 500;

    private final DecisionStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final long sendTimeoutMillis;
    private final RetryDelivery delivery;
    private final Object kafkaLock = new Object();
    private final Object adapterLock = new Object();

    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "outbox-publisher");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    /** Every message to Kafka, as addressed (no scheduler adapters). */
    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis) {
        this(store, kafka, clock, sendTimeoutMillis, null);
    }

    /** Retry commands through {@code delivery}'s adapters; null = every message to Kafka. */
    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis,
            RetryDelivery delivery) {
        this.store = store;
        this.kafka = kafka;
        this.clock = clock;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.delivery = delivery;
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
                    try {
                        publishPending(); // HTTP deliveries to schedulers stay on the timer's thread (sweep)
                    } catch (RuntimeException e) {
                        log.warn("Publishing the outbox failed; the sweep will retry: {}", e.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                requested.set(false);
            }
        }
    }


    /**
     * Sends what is unpublished and goes to Kafka, oldest first, and stops at the first failure (order per key is
     * kept). Retry commands for HTTP adapters are left to {@link #deliverToSchedulers()}.
     *
     * @return how many messages were published
     */
    public int publishPending() {
        synchronized (kafkaLock) {
            int published = 0;
            long after = 0;
            List<OutboxMessage> batch;
            do {
                batch = store.unpublishedAfter(after, BATCH);
                // all of a batch is sent at once (the idempotent producer keeps the order per partition), then the
                // acknowledgements are awaited in order and the acknowledged prefix is marked; what follows a failure
                // is sent again later, in order
                var sending = new ArrayList<Sending>(batch.size());
                for (OutboxMessage m : batch) {
                    after = m.id();
                    String via = null;
                    try {
                        if (delivery != null && delivery.handles(m)) {
                            var target = delivery.route(m);
                            if (!target.viaKafka()) {
                                continue; // an HTTP adapter's: deliverToSchedulers, on the timer's thread
                            }
                            via = target.client().name();
                            sending.add(new Sending(m, via, ((KafkaSchedulerClient) target.client())
                                    .sendAsync(m.key(), m.payload().getBytes(StandardCharsets.UTF_8))));
                        } else {
                            sending.add(new Sending(m, null,
                                    kafka.send(m.topic(), m.key(), m.payload().getBytes(StandardCharsets.UTF_8))));
                        }
                    } catch (RuntimeException e) {
                        // e.g. no metadata within max.block.ms: the broker is unreachable; send nothing after it
                        sending.add(new Sending(m, via, CompletableFuture.failedFuture(e)));
                        break;
                    }
                }
                var acknowledged = new ArrayList<Long>();
                var delivered = new ArrayList<DecisionStore.Delivered>();
                boolean failed = false;
                for (Sending x : sending) {
                    try {
                        x.ack().get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failed = true;
                        break;
                    } catch (Exception e) {
                        log.warn("Could not publish outbox message {} to {} (decision {}); will retry: {}", x.message().id(),
                                x.message().topic(), x.message().decisionId(), e.toString());
                        failed = true;
                        break;
                    }
                    if (x.via() != null) {
                        delivered.add(new DecisionStore.Delivered(x.message().id(), x.via()));
                    } else {
                        acknowledged.add(x.message().id());
                    }
                    published++;
                }
                store.markSent(acknowledged, delivered, clock.instant()); // the acknowledged prefix, in one transaction
                if (failed) {
                    return published;
                }
            } while (batch.size() == BATCH);
            return published;
        }
    }

    /** A message on its way to Kafka: {@code via} is the scheduler adapter's name for a retry command, else null. */
    private record Sending(OutboxMessage message, String via, CompletableFuture<?> ack) {
    }

    /**
     * Delivers the due retry commands whose scheduler has an HTTP adapter, oldest first; a failure of one does not
     * hold up the others (each has its own persisted backoff).
     *
     * @return how many were delivered
     */
    public int deliverToSchedulers() {
        if (delivery == null) {
            return 0;
        }
        synchronized (adapterLock) {
            int delivered = 0;
            long after = 0;
            List<OutboxMessage> batch;
            do {
                batch = store.unpublishedAfter(after, BATCH);
                for (OutboxMessage m : batch) {
                    after = m.id();
                    if (!delivery.handles(m)) {
                        continue;
                    }
                    var target = delivery.route(m);
                    if (target.viaKafka()) {
                        continue;
                    }
                    if (delivery.deliver(m, target) == RetryDelivery.Outcome.DELIVERED) {
                        delivered++;
                    }
                }
            } while (batch.size() == BATCH);
            return delivered;
        }
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
        try {
            deliverToSchedulers();
        } catch (RuntimeException e) {
            log.warn("Delivery to the schedulers failed; will retry: {}", e.toString());
        }
    }
}
