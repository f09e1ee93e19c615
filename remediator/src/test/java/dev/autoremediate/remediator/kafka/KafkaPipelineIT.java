package dev.autoremediate.remediator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.support.ServiceProperties;
import dev.autoremediate.remediator.support.ConsumerOffsets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole path through a real in-JVM KRaft broker: valid, duplicate and malformed events go in; decisions are
 * stored once, one retry command goes out per retried attempt, and bad records land on the DLT with their reason.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaPipelineIT {

    private static final java.nio.file.Path DIR;
    private static final InProcessKafkaBroker broker;

    static {
        DIR = TempDirs.create("kafka-pipeline-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }
    private static final ContractCodec codec = new ContractCodec();

    @Autowired
    DecisionStore store;

    @DynamicPropertySource
    static void kafkaAndDatabase(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "kafka-pipeline-it");
        registry.add("autoremediate.outbox.sweep-interval", () -> "1s");
    }

    /** Runs once the service is up (its topics created), as a scheduler would publish. */
    @BeforeAll
    void publish() throws Exception {
        FailureEvent heap = FailureEvents.heapOom("it-heap");
        FailureEvent unknown = FailureEvents.unrecognised("it-unknown");
        FailureEvent overhead = FailureEvents.containerKilled("it-overhead");
        FailureEvent invalid = FailureEvents.withEventId(FailureEvents.s3SlowDown("it-invalid"), "it-invalid-evt");
        String invalidJson = codec.write(invalid).replace("\"runId\":\"it-invalid/2026-11-22\",", "");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, "it-heap", codec.writeBytes(heap));
            send(producer, "it-heap", codec.writeBytes(heap)); // the same event again
            send(producer, "it-sql", codec.writeBytes(FailureEvents.tableNotFound("it-sql")));
            send(producer, "it-unknown", codec.writeBytes(unknown));
            send(producer, "it-unknown", codec.writeBytes(FailureEvents.attempt(unknown, 2)));
            send(producer, "it-overhead", codec.writeBytes(overhead));
            // the same failure reported again under another event id
            send(producer, "it-overhead", codec.writeBytes(FailureEvents.withEventId(overhead, "it-overhead-again")));
            send(producer, "broken", "{\"schemaVersion\": 1, \"eventId\": ".getBytes(StandardCharsets.UTF_8));
            send(producer, "it-invalid", invalidJson.getBytes(StandardCharsets.UTF_8));
            send(producer, "bad-utf8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>("job-failures", key, value)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void valid_events_are_decided_once_each_and_stored() {
        await().atMost(Duration.ofSeconds(60)).until(() -> store.count() >= 5);

        assertThat(store.count()).isEqualTo(5);
        Decision heap = store.findByEventId("it-heap-evt-1").orElseThrow();
        assertThat(heap.classification().category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(heap.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(heap.action().configChanges()).containsKey("spark.executor.memory");
        assertThat(heap.status()).isEqualTo(DecisionStatus.APPLIED);

        Decision sql = store.findByEventId("it-sql-evt-1").orElseThrow();
        assertThat(sql.classification().category()).isEqualTo(FailureCategory.SQL_ANALYSIS);
        assertThat(sql.action().type()).isEqualTo(ActionType.NO_RETRY);

        assertThat(store.findByEventId("it-unknown-evt-1").orElseThrow().action().type()).isEqualTo(ActionType.RETRY);
        assertThat(store.findByEventId("it-unknown-evt-2").orElseThrow().action().type()).isEqualTo(ActionType.ESCALATE);

        assertThat(store.findByEventId("it-overhead-evt-1").orElseThrow().classification().category())
                .isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(store.findByEventId("it-overhead-again")).isEmpty();
    }

    @Test
    void exactly_one_retry_command_goes_out_per_retried_attempt() {
        await().atMost(Duration.ofSeconds(60)).until(() -> store.count() >= 5);

        List<RetryCommand> commands = TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands", 3,
                Duration.ofSeconds(30), Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class))
                .toList();

        assertThat(commands).extracting(RetryCommand::jobId)
                .containsExactlyInAnyOrder("it-heap", "it-unknown", "it-overhead");
        RetryCommand heap = commands.stream().filter(c -> c.jobId().equals("it-heap")).findFirst().orElseThrow();
        assertThat(heap.nextAttempt()).isEqualTo(2);
        assertThat(heap.runId()).isEqualTo("it-heap/2026-11-22");
        assertThat(heap.configOverrides()).containsKey("spark.executor.memory");
        assertThat(heap.decisionId()).isEqualTo(store.findByEventId("it-heap-evt-1").orElseThrow().decisionId());
        assertThat(heap.notBefore()).isAfter(store.findByEventId("it-heap-evt-1").orElseThrow().decidedAt());
    }

    @Test
    void every_stored_decision_is_published_once() {
        await().atMost(Duration.ofSeconds(60)).until(() -> store.count() >= 5);

        List<Decision> published = TopicReader.readAll(broker.bootstrapServers(), "remediation-decisions", 5,
                Duration.ofSeconds(30), Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), Decision.class))
                .toList();

        assertThat(published).extracting(Decision::eventId).containsExactlyInAnyOrder("it-heap-evt-1", "it-sql-evt-1",
                "it-unknown-evt-1", "it-unknown-evt-2", "it-overhead-evt-1");
        assertThat(store.unpublished(10)).isEmpty();
    }

    @Test
    void malformed_and_invalid_records_go_to_the_dead_letter_topic_with_their_reason() {
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(broker.bootstrapServers(),
                "job-failures" + DeadLetters.DLT_SUFFIX, 3, Duration.ofSeconds(60), Duration.ofSeconds(3));

        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(ConsumerRecord::key,
                r -> new String(r.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)));
        assertThat(reasons).containsOnlyKeys("broken", "it-invalid", "bad-utf8");
        assertThat(reasons.get("broken")).contains("malformed JSON");
        assertThat(reasons.get("it-invalid")).contains("job.runId");
        assertThat(reasons.get("bad-utf8")).contains("malformed JSON");
        ConsumerRecord<String, byte[]> broken = dead.stream().filter(r -> r.key().equals("broken")).findFirst().orElseThrow();
        assertThat(new String(broken.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\": 1, \"eventId\": ");
        assertThat(broken.headers().lastHeader("kafka_dlt-original-topic")).isNotNull();
    }

    @Test
    void offsets_are_committed_once_everything_was_handled() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> store.count() >= 5);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = ConsumerOffsets.committed(admin, "autoremediate", "job-failures");
                Map<TopicPartition, Long> ends = ConsumerOffsets.ends(admin, "job-failures");
                long total = ends.values().stream().mapToLong(Long::longValue).sum();
                assertThat(total).isEqualTo(10);
                assertThat(committed).isEqualTo(ends);
            });
        }
    }
}
