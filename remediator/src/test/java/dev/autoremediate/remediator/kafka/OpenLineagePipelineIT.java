package dev.autoremediate.remediator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.ingest.openlineage.OpenLineageMapper;
import dev.autoremediate.ingest.openlineage.OpenLineageMapping;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutcomeStore;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.remediator.support.ServiceProperties;
import dev.autoremediate.remediator.support.TestProducer;
import dev.autoremediate.remediator.support.ConsumerOffsets;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenLineage run events through a real in-JVM KRaft broker on {@code openlineage-events}, as Spark's listener and
 * Airflow's provider publish them: FAIL events become stored decisions (one per failed run attempt, however many FAIL
 * events the run sent), COMPLETE events stored outcomes that close the loop of an earlier retry, garbage lands on the
 * dead-letter topic with its reason, and START events change nothing while every offset is committed. A Spark
 * failure without metrics is enriched from a (local) Spark History Server before it is decided.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OpenLineagePipelineIT {

    private static final String TOPIC = "openlineage-events";
    /** The fixtures of ingest's mapper tests: the same RunEvents, now sent through the broker. */
    private static final Path FIXTURES = Path.of("../ingest/src/test/resources/fixtures/openlineage");
    private static final String SPARK_APP = "application_1732240000000_0042";
    private static final Path DIR;
    private static final InProcessKafkaBroker broker;
    /** A Spark History Server that knows the failed application, answering in the REST API's documented shape. */
    private static final HttpServer historyServer;
    private static final Map<String, AtomicInteger> historyRequests = new ConcurrentHashMap<>();

    static {
        try {
            DIR = Files.createTempDirectory("openlineage-it");
            historyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Path answers = Path.of("src/test/resources/fixtures/spark-history");
            serve("/api/v1/applications/" + SPARK_APP + "/allexecutors", answers.resolve("allexecutors.json"));
            serve("/api/v1/applications/" + SPARK_APP + "/stages", answers.resolve("stages-failed.json"));
            historyServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    private static void serve(String path, Path body) throws IOException {
        byte[] bytes = Files.readAllBytes(body);
        historyServer.createContext(path, exchange -> {
            historyRequests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @AfterAll
    static void stopHistoryServer() {
        historyServer.stop(0);
    }

    private final ContractCodec codec = new ContractCodec();
    private final OpenLineageMapper mapper = new OpenLineageMapper(codec);

    @Autowired
    DecisionStore decisions;
    @Autowired
    OutcomeStore outcomes;

    @DynamicPropertySource
    static void kafkaAndDatabase(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "openlineage-it");
        registry.add("autoremediate.enrichment.spark-history.url",
                () -> "http://127.0.0.1:" + historyServer.getAddress().getPort());
    }

    @Test
    void run_events_become_decisions_outcomes_dead_letters_or_nothing() throws Exception {
        String sparkFail = fixture("spark-application-fail.json");
        String airflowFail = fixture("airflow-task-fail.json");
        String sparkEventId = eventIdOf(sparkFail);
        String airflowEventId = eventIdOf(airflowFail);
        try (var producer = TestProducer.of(broker.bootstrapServers())) {
            send(producer, "prod-emr/daily_sessions", fixture("spark-application-start.json"));
            send(producer, "prod-emr/daily_sessions", fixture("spark-sql-job-fail.json"));
            send(producer, "prod-emr/daily_sessions", sparkFail);
            send(producer, "prod-emr/daily_sessions", sparkFail); // redelivered
            send(producer, "airflow", airflowFail);
            send(producer, "airflow", fixture("airflow-task-running.json"));
            send(producer, "airflow", fixture("airflow-dag-fail.json")); // follows the task's failure: no 2nd retry
            send(producer, "prod-emr/daily_sessions", fixture("spark-application-complete.json"));
            send(producer, "lake", fixture("dataset-event.json"));
            send(producer, "garbage", "{\"eventType\": \"FAIL\", \"run\": {");
            send(producer, "no-run-id", sparkFail.replace("\"runId\": \"0193500e-4c1a-7d2b-9a37-2f4e8b61c0aa\"",
                    "\"runId\": \"\""));
            // the Airflow task's next try succeeds: its COMPLETE event closes the loop of the retry decided above
            await().atMost(Duration.ofSeconds(60)).until(() -> decisions.findByEventId(airflowEventId).isPresent());
            send(producer, "airflow", fixture("airflow-task-complete.json"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(outcomes.count()).isEqualTo(2);
            assertThat(decisions.findByEventId(airflowEventId).orElseThrow().status())
                    .isEqualTo(DecisionStatus.SUCCEEDED);
        });

        // the Spark application failed once (two FAIL events, one redelivered): one decision for its run attempt;
        // the Airflow DAG run's FAIL is not a second decision besides its task's
        assertThat(decisions.count()).isEqualTo(2);
        Decision spark = decisions.findByRun("0193500e-4c1a-7d2b-9a37-2f4e8b61c0aa").stream().findFirst().orElseThrow();
        assertThat(spark.jobId()).isEqualTo("prod-emr/daily_sessions");
        assertThat(spark.classification().category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(spark.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(spark.action().configChanges()).containsKey("spark.executor.memoryOverhead");
        assertThat(spark.action().configChanges().get("spark.executor.memoryOverhead").from()).isEqualTo("1g");
        assertThat(List.of(sparkEventId, eventIdOf(fixture("spark-sql-job-fail.json")))).contains(spark.eventId());
        // the Spark failure came without metrics: the History Server's peaks were fetched, noted and stored
        assertThat(spark.classification().explanation())
                .contains("[metrics from the Spark History Server for " + SPARK_APP + ": 4 executors, peak executor heap");
        FailureEvent stored = codec.readFailureEvent(decisions.eventJson(spark.decisionId()).orElseThrow());
        assertThat(stored.metrics().peakExecutorMemoryBytes()).isEqualTo(7516192768L);
        assertThat(stored.metrics().peakDriverMemoryBytes()).isEqualTo(2254857830L);
        // asked once: the run attempt's other FAIL events (and a redelivery) were already decided
        assertThat(historyRequests.get("/api/v1/applications/" + SPARK_APP + "/allexecutors")).hasValue(1);

        Decision airflow = decisions.findByEventId(airflowEventId).orElseThrow();
        assertThat(airflow.runId()).isEqualTo("export_partner_feeds/scheduled__2026-11-21T05:00:00+00:00/upload_to_s3");
        assertThat(airflow.attempt()).isEqualTo(2);
        assertThat(airflow.classification().category()).isEqualTo(FailureCategory.TRANSIENT_IO);
        assertThat(airflow.classification().explanation()).doesNotContain("Spark History Server");

        JobOutcome sparkSuccess = outcomes.find("01935528-0f3e-7a41-8c2d-5be1f2a9d301", 1).orElseThrow();
        assertThat(sparkSuccess.succeeded()).isTrue();
        assertThat(sparkSuccess.config()).containsEntry("spark.executor.memoryOverhead", "2g");
        assertThat(outcomes.find(airflow.runId(), 3).orElseThrow().succeeded()).isTrue();

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(broker.bootstrapServers(),
                TOPIC + DeadLetters.DLT_SUFFIX, 2, Duration.ofSeconds(60), Duration.ofSeconds(2));
        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(ConsumerRecord::key,
                r -> new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)));
        assertThat(reasons).containsOnlyKeys("garbage", "no-run-id");
        assertThat(reasons.get("garbage")).contains("malformed JSON");
        assertThat(reasons.get("no-run-id")).contains("OpenLineage run.runId");

        assertCommittedToTheEnd(12);
    }

    private static void assertCommittedToTheEnd(long records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = ConsumerOffsets.committed(admin, "autoremediate", TOPIC);
                Map<TopicPartition, Long> ends = ConsumerOffsets.ends(admin, TOPIC);
                assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records);
                assertThat(committed).isEqualTo(ends);
            });
        }
    }

    private String eventIdOf(String json) {
        return ((OpenLineageMapping.Failed) mapper.map(json)).event().eventId();
    }

    private static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String value) throws Exception {
        TestProducer.send(producer, TOPIC, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
