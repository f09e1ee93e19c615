package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.scheduler.AirflowSchedulerClient;
import dev.autoremediate.remediator.scheduler.HttpEndpoint;
import dev.autoremediate.remediator.scheduler.KafkaSchedulerClient;
import dev.autoremediate.remediator.scheduler.RunIdPattern;
import dev.autoremediate.remediator.scheduler.SchedulerRouter;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.OutboxDelivery;
import dev.autoremediate.remediator.support.MutableClock;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.RecordingHttpServer;
import dev.autoremediate.remediator.support.RecordingHttpServer.Answer;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.rules.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The scheduler adapter fails (issue 7's fault test): a retry command for an Airflow job whose Airflow answers 503 is
 * retried with a doubling backoff, then recorded as FAILED with its reason — the outbox row stays, nothing is
 * dropped — while the decision itself is published to Kafka as usual. Real parts: the in-JVM KRaft broker, the store
 * on H2 and on PostgreSQL with the Flyway migrations, a real HTTP server standing in for Airflow, and the service's
 * own classification, policy and outbox. Time is a clock the test moves, so the backoff is checked exactly.
 */
class SchedulerDeliveryIT {

    private static final Instant T0 = Instant.parse("2026-11-22T10:16:00Z");
    private static InProcessKafkaBroker broker;
    private static Path dir;

    private final ContractCodec codec = new ContractCodec();
    private final RecordingHttpServer airflow = RecordingHttpServer.start();

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("scheduler-delivery-it");
        broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("remediation-decisions", 1, (short) 1),
                    new NewTopic("job-retry-commands", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopAirflow() {
        airflow.close();
    }

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("delivery_it");
    }

    /** The service's decision path with Airflow jobs routed to the Airflow adapter and the rest to Kafka. */
    private record Service(FailureDecisionService service, OutboxPublisher publisher, JdbcDecisionStore store,
            MutableClock clock) {
    }

    private Service service(Callable<DataSource> database, RetryDelivery.Settings settings) throws Exception {
        var clock = new MutableClock(T0);
        var store = new JdbcDecisionStore(database.call(), codec, clock);
        var kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()));
        var router = new SchedulerRouter(List.of(
                new KafkaSchedulerClient(kafka, "job-retry-commands", codec, 10_000),
                new AirflowSchedulerClient(HttpEndpoint.of(airflow.baseUrl()).withBasicAuth("autoremediate", "pw")
                        .withRetries(1, Duration.ofMillis(10)), AirflowSchedulerClient.Mode.DAG_RUN,
                        RunIdPattern.of(AirflowSchedulerClient.DEFAULT_RUN_ID_PATTERN), codec)), Map.of(), "kafka");
        var delivery = new RetryDelivery(router, store, codec, clock, settings, "job-retry-commands");
        var publisher = new OutboxPublisher(store, kafka, clock, 10_000, delivery);
        var service = new FailureDecisionService(new FailureClassifier(RulePack.bundled()),
                new RemediationPolicy(PolicySettings.DEFAULT, clock), store, publisher, codec,
                new FailureDecisionService.Topics("remediation-decisions", "job-retry-commands"));
        return new Service(service, publisher, store, clock);
    }

    private static FailureEvent airflowJob(FailureEvent event, String runId) {
        Job j = event.job();
        var job = new Job(j.jobId(), runId, j.attempt(), j.engine(), j.engineVersion(), j.owner(), "airflow", j.tier(),
                j.config());
        return new FailureEvent(event.schemaVersion(), event.eventId() + "-" + UUID.randomUUID(), event.occurredAt(), job,
                event.failure(), event.metrics());
    }

    private OutboxDelivery retryCommandOf(Service s, Decision d) {
        return s.store().deliveries(d.decisionId()).stream().filter(x -> x.topic().equals("job-retry-commands"))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_delivery_that_keeps_failing_is_retried_with_backoff_then_recorded_as_failed_never_dropped(
            Callable<DataSource> database) throws Exception {
        airflow.always(Answer.of(503, "{\"title\":\"Service Unavailable\",\"status\":503}"));
        var s = service(database, new RetryDelivery.Settings(4, Duration.ofSeconds(10), Duration.ofMinutes(1)));
        FailureEvent event = airflowJob(FailureEvents.heapOom("af-sessions"), "af_sessions/scheduled__2026-11-22/aggregate");

        s.service().handle(event);
        Decision decision = s.store().findByEventId(event.eventId()).orElseThrow();
        assertThat(decision.action().type().isRetry()).isTrue();
        Instant notBefore = decision.decidedAt().plusSeconds(decision.action().delaySeconds());

        // the decision went to Kafka at once; the Airflow call waits for the command's notBefore
        // (published by the publisher's own thread right after the commit)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(s.store().deliveries(decision.decisionId())).filteredOn(x -> x.topic().equals("remediation-decisions"))
                        .singleElement().extracting(OutboxDelivery::status).isEqualTo(OutboxDelivery.Status.DELIVERED));
        s.publisher().deliverToSchedulers();
        assertThat(airflow.requests()).isEmpty();
        assertThat(retryCommandOf(s, decision).nextAttemptAt()).isEqualTo(notBefore);

        s.clock().set(notBefore);
        var scheduled = new ArrayList<Instant>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            s.publisher().deliverToSchedulers();
            OutboxDelivery d = retryCommandOf(s, decision);
            assertThat(d.status()).isEqualTo(OutboxDelivery.Status.PENDING);
            assertThat(d.attempts()).isEqualTo(attempt);
            assertThat(d.lastError()).contains("HTTP 503");
            scheduled.add(d.nextAttemptAt());
            int before = airflow.requests().size();
            s.publisher().deliverToSchedulers(); // not due yet: no call
            assertThat(airflow.requests()).hasSize(before);
            s.clock().set(d.nextAttemptAt());
        }
        // backoff doubles: 10 s, 20 s, 40 s after each failed attempt
        assertThat(Duration.between(notBefore, scheduled.get(0))).isEqualTo(Duration.ofSeconds(10));
        assertThat(Duration.between(scheduled.get(0), scheduled.get(1))).isEqualTo(Duration.ofSeconds(20));
        assertThat(Duration.between(scheduled.get(1), scheduled.get(2))).isEqualTo(Duration.ofSeconds(40));

        s.publisher().deliverToSchedulers();

        OutboxDelivery failed = retryCommandOf(s, decision);
        assertThat(failed.status()).isEqualTo(OutboxDelivery.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.failedAt()).isEqualTo(scheduled.get(2));
        assertThat(failed.lastError()).contains("airflow").contains("gave up after 4").contains("HTTP 503");
        assertThat(failed.publishedAt()).isNull();
        assertThat(s.store().failedDeliveries(10)).extracting(OutboxDelivery::decisionId).contains(decision.decisionId());
        // 4 attempts with one in-call retry each, all with the same idempotency key
        assertThat(airflow.requests()).hasSize(8).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/api/v1/dags/af_sessions/dagRuns");
            assertThat(r.body()).contains("\"dag_run_id\":\"autoremediate__");
        });
        assertThat(airflow.requests().stream().map(r -> codec.read(r.body(), Map.class).get("dag_run_id")).distinct())
                .hasSize(1);

        // never retried again, never dropped
        s.clock().advance(Duration.ofDays(1));
        s.publisher().sweep();
        assertThat(airflow.requests()).hasSize(8);
        assertThat(retryCommandOf(s, decision).status()).isEqualTo(OutboxDelivery.Status.FAILED);
        assertThat(s.store().unpublished(10)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_scheduler_that_recovers_gets_the_command_exactly_once_more_and_it_is_marked_delivered(
            Callable<DataSource> database) throws Exception {
        airflow.then(Answer.of(500, "{}"), Answer.of(500, "{}"), Answer.of(502, ""), Answer.of(502, ""))
                .always(Answer.of(200, "{\"state\":\"queued\"}"));
        var s = service(database, new RetryDelivery.Settings(5, Duration.ofSeconds(5), Duration.ofMinutes(1)));
        FailureEvent event = airflowJob(FailureEvents.containerKilled("af-recover"), "af_recover/manual__1/load");
        s.service().handle(event);
        Decision decision = s.store().findByEventId(event.eventId()).orElseThrow();
        s.clock().set(decision.decidedAt().plusSeconds(decision.action().delaySeconds()));

        s.publisher().deliverToSchedulers();
        s.clock().set(retryCommandOf(s, decision).nextAttemptAt());
        s.publisher().deliverToSchedulers();
        s.clock().set(retryCommandOf(s, decision).nextAttemptAt());
        int delivered = s.publisher().deliverToSchedulers();
        s.clock().advance(Duration.ofHours(1));
        s.publisher().sweep();

        assertThat(delivered).isEqualTo(1);
        OutboxDelivery d = retryCommandOf(s, decision);
        assertThat(d.status()).isEqualTo(OutboxDelivery.Status.DELIVERED);
        assertThat(d.deliveredVia()).isEqualTo("airflow");
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.publishedAt()).isNotNull();
        assertThat(airflow.requests()).hasSize(5);
        assertThat(airflow.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Basic "));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_rejected_command_is_recorded_as_failed_at_once_and_jobs_of_other_schedulers_still_go_to_kafka(
            Callable<DataSource> database) throws Exception {
        airflow.always(Answer.of(404, "{\"title\":\"DAG not found\"}"));
        var s = service(database, RetryDelivery.Settings.DEFAULT);
        FailureEvent rejected = airflowJob(FailureEvents.heapOom("af-gone"), "af_gone/manual__1/t");
        FailureEvent plain = FailureEvents.withEventId(FailureEvents.heapOom("kafka-job-" + UUID.randomUUID()),
                "kafka-" + UUID.randomUUID());
        s.service().handle(rejected);
        s.service().handle(plain);
        Decision r = s.store().findByEventId(rejected.eventId()).orElseThrow();
        Decision p = s.store().findByEventId(plain.eventId()).orElseThrow();
        s.clock().advance(Duration.ofHours(1));

        s.publisher().sweep();

        OutboxDelivery failed = retryCommandOf(s, r);
        assertThat(failed.status()).isEqualTo(OutboxDelivery.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("rejected").contains("404").contains("DAG not found");
        assertThat(airflow.requests()).hasSize(1);

        OutboxDelivery viaKafka = retryCommandOf(s, p);
        assertThat(viaKafka.status()).isEqualTo(OutboxDelivery.Status.DELIVERED);
        assertThat(viaKafka.deliveredVia()).isEqualTo("kafka");
        var commands = TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands", 1, Duration.ofSeconds(30),
                Duration.ofSeconds(2));
        assertThat(commands).extracting(c -> c.key()).contains(p.jobId()).doesNotContain(r.jobId());
    }
}
