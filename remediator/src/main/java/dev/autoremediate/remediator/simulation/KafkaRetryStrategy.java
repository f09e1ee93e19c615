package dev.autoremediate.remediator.simulation;

import dev.autoremediate.datasets.sim.RetryStrategy;
import dev.autoremediate.datasets.sim.RunResult;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RetryCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The running service as a retry strategy, through Kafka, as a scheduler would see it: every attempt's JobOutcome goes
 * to {@code job-outcomes}; a failed attempt's FailureEvent goes to {@code job-failures}, then the strategy waits for
 * the service's decision on {@code remediation-decisions} and, for a retry, its RetryCommand on
 * {@code job-retry-commands}, whose overrides configure the next attempt (in dry-run mode, the decision's changes).
 * One failure at a time; not thread-safe. Close it to close the clients.
 */
public final class KafkaRetryStrategy implements RetryStrategy, AutoCloseable {

    /** Topic names. */
    public record Topics(String failures, String decisions, String retryCommands, String outcomes) {
        public static final Topics DEFAULT = new Topics("job-failures", "remediation-decisions", "job-retry-commands",
                "job-outcomes");
    }

    private final String name;
    private final Topics topics;
    private final Duration timeout;
    private final ContractCodec codec = new ContractCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Decision> decisionsByEvent = new HashMap<>();
    private final Map<String, RetryCommand> commandsByDecision = new HashMap<>();
    private final List<Decision> decisions = new ArrayList<>();
    private int unanswered;

    /**
     * @param name    the strategy's name; part of every event id, so use a fresh one per run against a service
     * @param timeout how long to wait for a decision or a retry command
     */
    public KafkaRetryStrategy(String bootstrapServers, Topics topics, String name, Duration timeout) {
        this.name = name;
        this.topics = topics;
        this.timeout = timeout;
        var producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        var consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "autoremediate-simulator-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics.decisions(), topics.retryCommands()));
        // join the group and take the end offsets before anything is sent, so that no answer is missed
        long until = System.nanoTime() + timeout.toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < until) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
    }

    @Override
    public String name() {
        return name;
    }

    /** Reports an attempt's outcome on {@code job-outcomes} (the scheduler's part). */
    public void report(RunResult attempt) {
        JobOutcome outcome = attempt.outcome();
        send(topics.outcomes(), outcome.jobId(), codec.writeBytes(outcome));
    }

    @Override
    public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
        send(topics.failures(), failed.job().jobId(), codec.writeBytes(failed));
        Decision decision = await(() -> decisionsByEvent.remove(failed.eventId()));
        if (decision == null) {
            unanswered++;
            return Optional.empty();
        }
        decisions.add(decision);
        if (!decision.action().type().isRetry()) {
            return Optional.empty();
        }
        var overrides = new TreeMap<String, String>();
        if (decision.status() == DecisionStatus.DRY_RUN || decision.status() == DecisionStatus.PENDING_APPROVAL) {
            if (decision.status() == DecisionStatus.PENDING_APPROVAL) {
                return Optional.empty();
            }
            decision.action().configChanges().forEach((k, v) -> overrides.put(k, v.to()));
            return Optional.of(overrides);
        }
        RetryCommand command = await(() -> commandsByDecision.remove(decision.decisionId()));
        if (command == null) {
            unanswered++;
            return Optional.empty();
        }
        overrides.putAll(command.configOverrides());
        return Optional.of(overrides);
    }

    /** The service's decisions seen so far. */
    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    /** Failures whose decision or retry command did not arrive in time. */
    public int unanswered() {
        return unanswered;
    }

    private interface Lookup<T> {
        T get();
    }

    private <T> T await(Lookup<T> lookup) {
        Instant until = Instant.now().plus(timeout);
        T found = lookup.get();
        while (found == null && Instant.now().isBefore(until)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                try {
                    if (record.topic().equals(topics.decisions())) {
                        Decision d = codec.read(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8),
                                Decision.class);
                        decisionsByEvent.put(d.eventId(), d);
                    } else {
                        RetryCommand c = codec.read(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8),
                                RetryCommand.class);
                        commandsByDecision.put(c.decisionId(), c);
                    }
                } catch (RuntimeException notOurs) {
                    // a record this simulator cannot read is someone else's; skip it
                }
            }
            found = lookup.get();
        }
        return found;
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
