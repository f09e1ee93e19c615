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
 *
 * <p>Several instances on one store: only the holder of the {@link PublisherLease} publishes, so two instances never
 * send the same unpublished rows. The lease is checked right before each Kafka batch and before each HTTP delivery;
 * {@link PublisherLease#holds()} answers true only with at least half its TTL left. A batch is at most
 * {@value #BATCH} messages, whose acknowledgements are awaited at most the send timeout and at most half the TTL in
 * all, so it ends well inside the lease; an HTTP delivery is bounded by its endpoint's timeouts, which must stay below
 * half the TTL as well. A standby instance publishes nothing (its decisions wait in the outbox) and tries for the lease
 * on the timer ({@link #sweep()}) and on its commits, so it takes over within one TTL and one timer tick of a holder
 * that died. Only a holder stalled beyond its TTL (a long GC pause) can overlap a new holder, for one batch: the ids
 * let consumers drop those copies, as after a crash between sending and marking.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 500;

    private final DecisionStore store;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final long sendTimeoutMillis;
    private final RetryDelivery delivery;
    private final PublisherLease lease;
    private final long batchWaitNanos;
    private final Object kafkaLock = new Object();
    private final Object adapterLock = new Object();

    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(r, "outbox-publisher");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();

    /** Every message to Kafka, as addressed (no scheduler adapters); the only publisher on its store. */
    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis) {
        this(store, kafka, clock, sendTimeoutMillis, null);
    }

    /** Retry commands through {@code delivery}'s adapters; null = every message to Kafka. The only publisher. */
    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis,
            RetryDelivery delivery) {
        this(store, kafka, clock, sendTimeoutMillis, delivery, PublisherLease.sole());
    }

    /** Publishes only while it holds {@code lease}; released on {@link #close()}. */
    public OutboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafka, Clock clock, long sendTimeoutMillis,
            RetryDelivery delivery, PublisherLease lease) {
        this.store = store;
        this.kafka = kafka;
        this.clock = clock;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.delivery = delivery;
        this.lease = lease;
        this.batchWaitNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(sendTimeoutMillis), lease.ttl().toNanos() / 2);
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
     * kept). Retry commands for HTTP adapters are left to {@link #deliverToSchedulers()}. Sends nothing without the
     * lease.
     *
     * @return how many messages were published
     */
    public int publishPending() {
        synchronized (kafkaLock) {
            int published = 0;
            long after = 0;
            List<OutboxMessage> batch;
            do {
                if (!lease.holds()) {
                    return published;
                }
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
                long waitUntil = System.nanoTime() + batchWaitNanos; // the whole batch, well inside the lease
                for (Sending x : sending) {
                    try {
                        x.ack().get(Math.max(waitUntil - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
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
     * hold up the others (each has its own persisted backoff). Delivers nothing without the lease, which is checked
     * before each delivery.
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
                if (!lease.holds()) {
                    return delivered;
                }
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
                    if (!lease.holds()) {
                        return delivered;
                    }
                    if (delivery.deliver(m, target) == RetryDelivery.Outcome.DELIVERED) {
                        delivered++;
                    }
                }
            } while (batch.size() == BATCH);
            return delivered;
        }
    }

    /** Stops the publisher thread, then releases the lease so that a standby takes over at once. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (kafkaLock) {
            synchronized (adapterLock) {
                lease.release(); // after the last batch: nothing is sent after it
            }
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
