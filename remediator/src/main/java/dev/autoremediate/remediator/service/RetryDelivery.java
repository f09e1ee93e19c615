package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.scheduler.DeliveryResult;
import dev.autoremediate.remediator.scheduler.KafkaSchedulerClient;
import dev.autoremediate.remediator.scheduler.RetryRequest;
import dev.autoremediate.remediator.scheduler.SchedulerClient;
import dev.autoremediate.remediator.scheduler.SchedulerRouter;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutboxMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Delivery of the retry commands in the outbox through the scheduler adapter of each job, with a persisted backoff:
 * a retryable failure is counted and tried again after {@code initialBackoff}, doubled per attempt up to
 * {@code maxBackoff}; after {@code maxAttempts} failed attempts, or at once for a permanent failure, the message is
 * recorded as FAILED with its reason (an ERROR line says so). The message stays in the outbox either way: a command
 * is delivered or recorded as failed, never dropped.
 */
public final class RetryDelivery {

    private static final Logger log = LoggerFactory.getLogger(RetryDelivery.class);

    /**
     * @param maxAttempts    failed attempts after which a delivery is recorded as FAILED
     * @param initialBackoff wait after the first failed attempt
     * @param maxBackoff     cap of the doubled wait
     */
    public record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

        public static final Settings DEFAULT = new Settings(8, Duration.ofSeconds(30), Duration.ofMinutes(30));

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("max-attempts must be at least 1: " + maxAttempts);
            }
        }

        /** The wait after the n-th failed attempt (n from 1). */
        public Duration backoff(int failedAttempts) {
            long factor = 1L << Math.min(Math.max(failedAttempts - 1, 0), 30);
            Duration d = initialBackoff.multipliedBy(factor);
            return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
        }
    }

    /** What became of one message in this pass. */
    public enum Outcome {
        DELIVERED,
        /** Not due yet, or a retryable failure: tried again later. */
        DEFERRED,
        /** Recorded as FAILED: not tried again. */
        FAILED
    }

    /** The adapter a message goes to, with the request it gets. */
    public record Target(RetryRequest request, SchedulerClient client) {

        public boolean viaKafka() {
            return client instanceof KafkaSchedulerClient;
        }
    }

    private final SchedulerRouter router;
    private final DecisionStore store;
    private final ContractCodec codec;
    private final Clock clock;
    private final Settings settings;
    private final String retryTopic;

    public RetryDelivery(SchedulerRouter router, DecisionStore store, ContractCodec codec, Clock clock,
            Settings settings, String retryTopic) {
        this.router = router;
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.settings = settings;
        this.retryTopic = retryTopic;
    }

    /** Whether the message is a retry command (the others are plain Kafka messages). */
    public boolean handles(OutboxMessage m) {
        return retryTopic.equals(m.topic());
    }

    /**
     * The adapter of the message's job: from the stored failure event's {@code job.scheduler}. With Kafka the only
     * adapter (the default) every job goes there, and the event is not read.
     */
    public Target route(OutboxMessage m) {
        RetryCommand command = codec.read(m.payload(), RetryCommand.class);
        Job withoutEvent = new Job(command.jobId(), command.runId(), command.nextAttempt() - 1, null, null, null, null,
                null, Map.of());
        if (router.onlyAdapter() instanceof KafkaSchedulerClient kafka) {
            return new Target(new RetryRequest(command, withoutEvent), kafka);
        }
        Job job = store.eventJson(m.decisionId())
                .map(json -> codec.read(json, FailureEvent.class).job())
                .orElse(withoutEvent);
        var request = new RetryRequest(command, job);
        return new Target(request, router.clientFor(request));
    }

    /** Delivers a retry command through an HTTP adapter (not Kafka: the publisher sends those itself). */
    public Outcome deliver(OutboxMessage m, Target target) {
        RetryCommand command = target.request().command();
        Instant now = clock.instant();
        String adapter = target.client().name();
        if (target.client().waitsForNotBefore() && command.notBefore() != null && command.notBefore().isAfter(now)) {
            store.recordDeliveryAttempt(m.id(), m.deliveryAttempts(), command.notBefore(), null);
            return Outcome.DEFERRED;
        }
        MDC.put("jobId", command.jobId());
        try {
            DeliveryResult result = target.client().deliver(target.request());
            int attempts = m.deliveryAttempts() + 1;
            switch (result.state()) {
                case DELIVERED -> {
                    store.markDelivered(m.id(), clock.instant(), adapter);
                    log.info("Retry command {} of decision {} (job {} run {}) delivered to {}: {}", command.commandId(),
                            command.decisionId(), command.jobId(), command.runId(), adapter, result.detail());
                    return Outcome.DELIVERED;
                }
                case RETRYABLE_FAILURE -> {
                    if (attempts >= settings.maxAttempts()) {
                        return failed(m, command, adapter, attempts, "gave up after " + attempts
                                + " failed attempts; last: " + result.detail());
                    }
                    Instant next = clock.instant().plus(settings.backoff(attempts));
                    store.recordDeliveryAttempt(m.id(), attempts, next, result.detail());
                    log.warn("Retry command {} of decision {} (job {}) not delivered to {} (attempt {} of {}); next "
                            + "attempt at {}: {}", command.commandId(), command.decisionId(), command.jobId(), adapter,
                            attempts, settings.maxAttempts(), next, result.detail());
                    return Outcome.DEFERRED;
                }
                case PERMANENT_FAILURE -> {
                    return failed(m, command, adapter, attempts, "rejected: " + result.detail());
                }
                default -> throw new IllegalStateException(result.state().name());
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    private Outcome failed(OutboxMessage m, RetryCommand command, String adapter, int attempts, String reason) {
        store.markDeliveryFailed(m.id(), attempts, clock.instant(), adapter + ": " + reason);
        log.error("Retry command {} of decision {} (job {} run {} attempt {}) could NOT be delivered to {} and is "
                + "recorded as FAILED (outbox message {}); the run will not be retried unless someone acts: {}",
                command.commandId(), command.decisionId(), command.jobId(), command.runId(), command.nextAttempt(),
                adapter, m.id(), reason);
        return Outcome.FAILED;
    }
}
