package dev.autoremediate.remediator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutcomeStore;
import dev.autoremediate.remediator.support.MutableClock;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.remediator.support.ServiceProperties;
import dev.autoremediate.remediator.support.TestProducer;
import dev.autoremediate.remediator.support.ConsumerOffsets;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The circuit breaker of automatic retries, end to end through a real in-JVM KRaft broker and the service: the test
 * plays the scheduler, running each command of {@code job-retry-commands} and reporting the retried run (the command's
 * run and next attempt) on {@code job-outcomes}. When 4 of 4 remediated retries failed, the breaker opens: new retryable
 * failures are held PENDING_APPROVAL with the breaker's reason and send no command, and {@code /actuator/health} and the
 * {@code autoremediate_guard_breaker_state} gauge say so. Outcomes of first attempts and a duplicated outcome do not
 * count. After {@code wait-in-open} a trial of 2 retries goes out (a re-report of a run attempt already decided does
 * not use up a trial permit), a third waits; their successes close the breaker and automatic retries resume. The service's clock is the system clock plus an offset the test raises, so the hour in
 * the open state passes without sleeping and without a race against the decisions held meanwhile.
 */
@SpringBootTest(classes = {AutoremediateApplication.class, CircuitBreakerIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitBreakerIT {

    private static final Path DIR;
    private static final InProcessKafkaBroker broker;
    private static final Duration WAIT_IN_OPEN = Duration.ofHours(1);
    private static final Duration AWAIT = Duration.ofSeconds(60);

    static {
        DIR = TempDirs.create("circuit-breaker-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock shiftedClock() {
            return MutableClock.shiftingSystemTime();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "circuit-breaker-it");
        registry.add("autoremediate.policy.circuit-breaker.failure-rate-threshold", () -> "50");
        registry.add("autoremediate.policy.circuit-breaker.sliding-window-size", () -> "4");
        registry.add("autoremediate.policy.circuit-breaker.minimum-calls", () -> "4");
        registry.add("autoremediate.policy.circuit-breaker.wait-in-open", () -> "1h");
        registry.add("autoremediate.policy.circuit-breaker.permitted-in-half-open", () -> "2");
    }

    @Autowired
    DecisionStore decisions;
    @Autowired
    OutcomeStore outcomes;
    @Autowired
    MutableClock shiftedClock;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Environment environment;

    private final ContractCodec codec = new ContractCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @Test
    void failing_remediated_retries_open_the_breaker_and_successful_trial_retries_close_it_again() throws Exception {
        assertThat(clock).as("the service runs on the test's clock").isSameAs(shiftedClock);
        try (var producer = TestProducer.of(broker.bootstrapServers())) {
            // 1. four retryable failures are retried automatically, a command each
            List<FailureEvent> first = failures(producer, 0, 4);
            List<Decision> retried = decided(first);
            assertThat(retried).extracting(Decision::status).containsOnly(DecisionStatus.APPLIED);
            List<RetryCommand> commands = commandsFor(retried);
            assertThat(breaker()).containsEntry("state", "CLOSED");

            // 2. the first two retries fail again; first attempts' outcomes, a duplicate and new runs do not count
            for (int i = 0; i < 2; i++) {
                FailureEvent failed = first.get(i);
                TestProducer.send(producer, "job-outcomes", failed.job().jobId(), codec.writeBytes(new JobOutcome(1,
                        failed.job().jobId(), failed.job().runId(), 1, Instant.now(), false, failed.job().config(),
                        RunMetrics.empty(), failed.eventId())));
                TestProducer.send(producer, "job-outcomes", failed.job().jobId(), outcomeOf(commands.get(i), false));
                TestProducer.send(producer, "job-outcomes", failed.job().jobId(), outcomeOf(commands.get(i), false)); // again
                // the job's next run, a first attempt that succeeded (same partition: handled after the ones above)
                TestProducer.send(producer, "job-outcomes", failed.job().jobId(), codec.writeBytes(new JobOutcome(1,
                        failed.job().jobId(), "next-" + failed.job().runId(), 1, Instant.now(), true,
                        failed.job().config(), RunMetrics.empty(), null)));
            }
            await().atMost(AWAIT).until(() -> outcomes.count() == 6);
            assertThat(List.of(status(retried.get(0)), status(retried.get(1))))
                    .containsOnly(DecisionStatus.FAILED);
            assertThat(breaker()).as("only the two retried runs count, once each")
                    .containsEntry("state", "CLOSED").containsEntry("outcomes", 2).containsEntry("failedOutcomes", 2);

            // 3. the other two fail as well: 4 of 4 failed, at least the 50% threshold: the breaker opens
            for (int i = 2; i < 4; i++) {
                TestProducer.send(producer, "job-outcomes", first.get(i).job().jobId(), outcomeOf(commands.get(i), false));
            }
            await().atMost(AWAIT).untilAsserted(() -> assertThat(breaker()).containsEntry("state", "OPEN")
                    .containsEntry("failureRate", "100%").containsEntry("outcomes", 4));
            assertThat(breakerGauge("open")).isEqualTo(1.0);
            assertThat(breakerGauge("closed")).isEqualTo(0.0);

            // 4. while open, new retryable failures wait for approval, with the breaker's reason, and send nothing
            List<FailureEvent> heldEvents = failures(producer, 4, 2);
            List<Decision> held = decided(heldEvents);
            assertThat(held).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
                assertThat(d.action().type().isRetry()).isTrue();
                assertThat(d.action().reason()).contains("held for approval: circuit breaker open: 100% of the last 4 "
                        + "remediated retries failed (threshold 50%)");
            });

            // 5. after wait-in-open, a trial of 2 automatic retries; a third failure meanwhile waits for approval
            shiftedClock.advance(WAIT_IN_OPEN.plusSeconds(1));
            // first, another report (a new eventId) of a run attempt already decided: the store refuses it, and the
            // trial permit it was admitted with goes back to the breaker
            TestProducer.send(producer, "job-failures", heldEvents.get(0).job().jobId(),
                    codec.writeBytes(FailureEvents.withEventId(heldEvents.get(0), "re-reported-" + UUID.randomUUID())));
            awaitFailuresConsumed();
            assertThat(decisions.count()).isEqualTo(6);
            List<Decision> trial = decided(failures(producer, 6, 3));
            List<Decision> trialRetries = trial.stream().filter(d -> d.status() == DecisionStatus.APPLIED).toList();
            assertThat(trialRetries).hasSize(2);
            assertThat(trial).filteredOn(d -> d.status() == DecisionStatus.PENDING_APPROVAL).singleElement()
                    .satisfies(d -> assertThat(d.action().reason()).contains("held for approval: circuit breaker "
                            + "half-open: a trial of 2 automatic retries is under way"));
            assertThat(breaker()).containsEntry("state", "HALF_OPEN");
            assertThat(breakerGauge("half_open")).isEqualTo(1.0);

            // 6. the trial retries succeed: the breaker closes, and automatic retries resume
            for (RetryCommand command : commandsFor(trialRetries)) {
                TestProducer.send(producer, "job-outcomes", command.jobId(), outcomeOf(command, true));
            }
            await().atMost(AWAIT).untilAsserted(() -> assertThat(breaker()).containsEntry("state", "CLOSED"));
            assertThat(trialRetries).allSatisfy(d -> assertThat(status(d)).isEqualTo(DecisionStatus.SUCCEEDED));
            assertThat(breakerGauge("closed")).isEqualTo(1.0);
            List<Decision> resumed = decided(failures(producer, 9, 2));
            assertThat(resumed).extracting(Decision::status).containsOnly(DecisionStatus.APPLIED);

            // every automatic retry has exactly one command; no held decision has any
            var automatic = new ArrayList<Decision>(retried);
            automatic.addAll(trialRetries);
            automatic.addAll(resumed);
            List<RetryCommand> all = readCommands(automatic.size());
            assertThat(all).extracting(RetryCommand::decisionId).containsExactlyInAnyOrderElementsOf(
                    automatic.stream().map(Decision::decisionId).toList());
            assertThat(decisions.count()).isEqualTo(11);
        }
    }

    /** Sends {@code n} retryable failures (S3 503 SlowDown) of new jobs breaker-{from}.. and returns them. */
    private List<FailureEvent> failures(KafkaProducer<String, byte[]> producer, int from, int n) throws Exception {
        var events = new ArrayList<FailureEvent>();
        for (int i = from; i < from + n; i++) {
            FailureEvent event = FailureEvents.s3SlowDown("breaker-" + i);
            TestProducer.send(producer, "job-failures", event.job().jobId(), codec.writeBytes(event));
            events.add(event);
        }
        return events;
    }

    /** Waits until the service has committed every record of {@code job-failures}: all of them are handled. */
    private static void awaitFailuresConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await().atMost(AWAIT).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = ConsumerOffsets.committed(admin, "autoremediate", "job-failures");
                Map<TopicPartition, Long> ends = ConsumerOffsets.ends(admin, "job-failures");
                assertThat(committed).containsAllEntriesOf(ends);
            });
        }
    }

    /** Waits until every event is decided; their decisions in the same order. */
    private List<Decision> decided(List<FailureEvent> events) {
        await().atMost(AWAIT).until(() -> events.stream()
                .allMatch(e -> decisions.findByEventId(e.eventId()).isPresent()));
        return events.stream().map(e -> decisions.findByEventId(e.eventId()).orElseThrow()).toList();
    }

    private DecisionStatus status(Decision d) {
        return decisions.findByEventId(d.eventId()).orElseThrow().status();
    }

    /** The retry commands of these decisions, in their order, read from the topic as the scheduler would. */
    private List<RetryCommand> commandsFor(List<Decision> retried) {
        List<RetryCommand> all = readCommands(retried.size());
        return retried.stream().map(d -> all.stream().filter(c -> c.decisionId().equals(d.decisionId())).findFirst()
                .orElseThrow(() -> new AssertionError("no retry command for decision " + d.decisionId()))).toList();
    }

    private List<RetryCommand> readCommands(int atLeast) {
        return TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands", atLeast, AWAIT,
                Duration.ofSeconds(2)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class)).toList();
    }

    /** What the scheduler reports after running a command: the command's run at its next attempt. */
    private byte[] outcomeOf(RetryCommand command, boolean succeeded) {
        var config = new TreeMap<>(FailureEvents.sparkConfig());
        config.putAll(command.configOverrides());
        return codec.writeBytes(new JobOutcome(1, command.jobId(), command.runId(), command.nextAttempt(),
                Instant.now(), succeeded, config, RunMetrics.empty(), null));
    }

    /** The circuit breaker as {@code /actuator/health} shows it (component {@code guard}). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> breaker() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode node = json.readTree(response.body()).path("components").path("guard").path("details")
                .path("circuitBreaker");
        return json.convertValue(node, Map.class);
    }

    private double breakerGauge(String state) {
        return meters.get("autoremediate.guard.breaker.state").tag("state", state).gauge().value();
    }
}
