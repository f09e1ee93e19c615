package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.sandbox.SandboxEvents;
import dev.autoremediate.sandbox.SparkJob;
import dev.autoremediate.sandbox.SparkRun;
import dev.autoremediate.sandbox.SparkSandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code serve --demo=spark}: instead of replaying samples, runs the Spark sandbox's jobs for real and plays the
 * scheduler. Each job runs in its own JVM with a configuration that fails; its real failure goes to
 * {@code job-failures}; the service decides; this demo reads {@code remediation-decisions} and
 * {@code job-retry-commands} like a scheduler, runs the job again with the command's config overrides (at once: the
 * sandbox does not wait for {@code notBefore}), and reports every finished run on {@code job-outcomes} (and a failed
 * retry on {@code job-failures} again). Runs in a background thread; the service serves meanwhile.
 */
@Component
@ConditionalOnProperty(name = "autoremediate.demo.source", havingValue = "spark")
class SparkSandboxDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SparkSandboxDemo.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);

    private final KafkaTemplate<String, byte[]> kafka;
    private final AutoremediateProperties props;
    private final KafkaBootstrap bootstrap;
    private final ContractCodec codec;
    private final Clock clock;

    SparkSandboxDemo(KafkaTemplate<String, byte[]> kafka, AutoremediateProperties props, KafkaBootstrap bootstrap,
            ContractCodec codec, Clock clock) {
        this.kafka = kafka;
        this.props = props;
        this.bootstrap = bootstrap;
        this.codec = codec;
        this.clock = clock;
    }

    /** A run the demo waits on: the job, the configuration of its last attempt, and that attempt's number. */
    private record Pending(SparkJob job, Map<String, String> config, int attempt) {
    }

    @Override
    public void run(ApplicationArguments args) {
        SparkSandbox sandbox = SparkSandbox.fromBuild(props.dataDir().resolve("sandbox"));
        Thread thread = new Thread(() -> {
            try {
                play(sandbox);
            } catch (RuntimeException e) {
                log.error("Spark sandbox demo stopped: {}", e.toString(), e);
            }
        }, "spark-sandbox-demo");
        thread.setDaemon(true);
        thread.start();
    }

    private void play(SparkSandbox sandbox) {
        var topics = props.kafka().topics();
        long start = System.nanoTime();
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers(),
                ConsumerConfig.GROUP_ID_CONFIG, "autoremediate-sandbox-demo",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.decisions(), topics.retryCommands()));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(200));
            }
            var pending = new LinkedHashMap<String, Pending>();
            String stamp = Long.toString(clock.millis());
            for (SparkJob job : SparkJob.values()) {
                String runId = job.jobId() + "/demo-" + stamp;
                SparkRun run = sandbox.run(job);
                report(run, runId, 1);
                if (!run.succeeded()) {
                    pending.put(runId, new Pending(job, run.config(), 1));
                }
                handle(consumer.poll(Duration.ZERO), pending, sandbox);
            }
            Instant deadline = clock.instant().plus(GIVE_UP_AFTER);
            while (!pending.isEmpty() && clock.instant().isBefore(deadline)) {
                handle(consumer.poll(Duration.ofSeconds(1)), pending, sandbox);
            }
            pending.forEach((runId, p) -> log.warn("Sandbox: no decision arrived for {} attempt {} within {}", runId,
                    p.attempt(), GIVE_UP_AFTER));
            log.info("Sandbox demo done in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        }
    }

    private void handle(Iterable<ConsumerRecord<String, byte[]>> records, Map<String, Pending> pending,
            SparkSandbox sandbox) {
        var topics = props.kafka().topics();
        for (var record : records) {
            String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
            if (record.topic().equals(topics.decisions())) {
                Decision d = codec.read(json, Decision.class);
                Pending p = pending.get(d.runId());
                if (p != null && d.attempt() == p.attempt() && !d.action().type().isRetry()) {
                    log.info("Sandbox: {} is not retried, as decided: {} {} by {} ({})", d.runId(),
                            d.action().type(), d.classification().category(), d.classification().ruleId(),
                            d.action().reason());
                    pending.remove(d.runId());
                }
                continue;
            }
            RetryCommand command = codec.read(json, RetryCommand.class);
            Pending p = pending.get(command.runId());
            if (p == null || command.nextAttempt() != p.attempt() + 1) {
                continue;
            }
            var config = SandboxEvents.withOverrides(p.config(), command.configOverrides());
            log.info("Sandbox: retrying {} as attempt {} with {} (command {})", command.runId(), command.nextAttempt(),
                    command.configOverrides(), command.commandId());
            SparkRun retry = sandbox.run(p.job(), config);
            report(retry, command.runId(), command.nextAttempt());
            if (retry.succeeded()) {
                pending.remove(command.runId());
            } else {
                pending.put(command.runId(), new Pending(p.job(), config, command.nextAttempt()));
            }
        }
    }

    /** What a job platform reports after a run: the outcome, and the failure event when it failed. */
    private void report(SparkRun run, String runId, int attempt) {
        var topics = props.kafka().topics();
        Instant now = clock.instant();
        String jobId = run.job().jobId();
        String failureEventId = null;
        if (run.succeeded()) {
            log.info("Sandbox: {} attempt {} SUCCEEDED in {} s", runId, attempt, run.duration().toSeconds());
        } else {
            FailureEvent event = SandboxEvents.failure(run, runId, attempt, now);
            failureEventId = event.eventId();
            log.info("Sandbox: {} attempt {} FAILED in {} s (exit {}): {}: {}", runId, attempt,
                    run.duration().toSeconds(), run.exitCode(), run.exceptionClass(),
                    run.message() == null ? "" : run.message().lines().findFirst().orElse(""));
            send(topics.failures(), jobId, codec.writeBytes(event));
        }
        send(topics.outcomes(), jobId, codec.writeBytes(SandboxEvents.outcome(run, runId, attempt, now,
                failureEventId)));
    }

    private void send(String topic, String key, byte[] value) {
        try {
            kafka.send(topic, key, value).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e, e);
        }
    }
}
