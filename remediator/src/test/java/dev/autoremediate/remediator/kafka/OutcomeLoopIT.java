package dev.autoremediate.remediator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutcomeStore;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.support.ServiceProperties;
import dev.autoremediate.remediator.support.TestProducer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The loop closes through a real in-JVM KRaft broker: a failure is decided and retried, the retried run's outcome
 * on {@code job-outcomes} marks the decision SUCCEEDED, the job's history knows the winning configuration, and a
 * malformed outcome is dead-lettered with its reason.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OutcomeLoopIT {

    private static final Path DIR;
    private static final InProcessKafkaBroker broker;

    static {
        DIR = TempDirs.create("outcome-loop-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    private final ContractCodec codec = new ContractCodec();

    @Autowired
    DecisionStore decisions;
    @Autowired
    OutcomeStore outcomes;
    @Autowired
    JobHistory history;

    @DynamicPropertySource
    static void kafkaAndDatabase(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "outcome-loop-it");
    }

    @Test
    void the_outcome_of_a_remediated_retry_marks_its_decision_and_becomes_history() throws Exception {
        FailureEvent heap = FailureEvents.heapOom("loop-heap");
        FailureEvent sql = FailureEvents.tableNotFound("loop-sql");
        try (var producer = TestProducer.of(broker.bootstrapServers())) {
            TestProducer.send(producer, "job-failures", "loop-heap", codec.writeBytes(heap));
            TestProducer.send(producer, "job-failures", "loop-sql", codec.writeBytes(sql));
            await().atMost(Duration.ofSeconds(60)).until(() -> decisions.count() >= 2);

            var decided = decisions.findByEventId(heap.eventId()).orElseThrow();
            assertThat(decided.status()).isEqualTo(DecisionStatus.APPLIED);
            String raised = decided.action().configChanges().get("spark.executor.memory").to();
            var retried = new java.util.TreeMap<>(heap.job().config());
            retried.put("spark.executor.memory", raised);
            JobOutcome success = new JobOutcome(1, "loop-heap", heap.job().runId(), 2, Instant.now(), true, retried,
                    RunMetrics.empty(), null);
            TestProducer.send(producer, "job-outcomes", "loop-heap", codec.writeBytes(success));
            TestProducer.send(producer, "job-outcomes", "loop-heap", codec.writeBytes(success)); // reported twice
            // the first attempt of the SQL job failed and was not retried: its outcome changes no decision
            TestProducer.send(producer, "job-outcomes", "loop-sql", codec.writeBytes(new JobOutcome(1, "loop-sql",
                    sql.job().runId(), 1, Instant.now(), false, sql.job().config(), null, sql.eventId())));
            TestProducer.send(producer, "job-outcomes", "broken", "{\"jobId\": \"x\"".getBytes(StandardCharsets.UTF_8));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(decisions.findByEventId(heap.eventId()).orElseThrow().status())
                    .isEqualTo(DecisionStatus.SUCCEEDED);
            assertThat(outcomes.count()).isEqualTo(2);
        });
        assertThat(decisions.findByEventId(sql.eventId()).orElseThrow().status()).isEqualTo(DecisionStatus.APPLIED);
        assertThat(history.lastSuccessfulConfig("loop-heap").orElseThrow())
                .containsEntry("spark.executor.memory", raised(heap));

        var dead = TopicReader.readAll(broker.bootstrapServers(), "job-outcomes" + DeadLetters.DLT_SUFFIX, 1,
                Duration.ofSeconds(60), Duration.ofSeconds(2));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("malformed JSON");
    }

    private String raised(FailureEvent heap) {
        return decisions.findByEventId(heap.eventId()).orElseThrow().action().configChanges()
                .get("spark.executor.memory").to();
    }
}
