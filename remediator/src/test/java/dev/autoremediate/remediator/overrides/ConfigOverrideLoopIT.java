package dev.autoremediate.remediator.overrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.tuner.MemorySize;
import dev.autoremediate.remediator.support.ServiceProperties;
import dev.autoremediate.remediator.support.TestProducer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ConfigService loop through a real in-JVM KRaft broker and the real HTTP server: a failure is decided with a
 * retry with config; the retried run's successful outcome on {@code job-outcomes} makes the override that
 * {@code GET /api/v1/jobs/{jobId}/config} serves; the job's next failure is decided from it and says so; that
 * retry's success raises it, runs with headroom decay it; on-call lists and clears it.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConfigOverrideLoopIT {

    private static final Path DIR;
    private static final InProcessKafkaBroker broker;

    static {
        DIR = TempDirs.create("config-override-loop-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    private final ContractCodec codec = new ContractCodec();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    DecisionStore decisions;
    @Autowired
    JobHistory history;

    @DynamicPropertySource
    static void kafkaAndDatabase(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "config-override-loop-it");
        registry.add("autoremediate.overrides.decay.runs", () -> "2");
        // the API needs a login: an on-call user (ONCALL may clear an override)
        registry.add("autoremediate.security.users[0].username", () -> "alice");
        registry.add("autoremediate.security.users[0].password-hash",
                () -> new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("alice-pass"));
        registry.add("autoremediate.security.users[0].role", () -> "ONCALL");
    }

    @Test
    void a_successful_remediated_retry_becomes_the_config_the_scheduler_launches_the_next_run_with() throws Exception {
        String job = "etl.daily_sessions";
        var unknown = get("/api/v1/jobs/" + job + "/config");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(unknown.body()).contains("unknown job 'etl.daily_sessions'");

        FailureEvent heap = FailureEvents.heapOom(job);
        try (var producer = TestProducer.of(broker.bootstrapServers())) {
            TestProducer.send(producer, "job-failures", job, codec.writeBytes(heap));
            await().atMost(Duration.ofSeconds(60)).until(() -> decisions.findByEventId(heap.eventId()).isPresent());
            Decision decided = decisions.findByEventId(heap.eventId()).orElseThrow();
            assertThat(decided.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
            assertThat(decided.action().override()).isNull();
            // the config tuner sizes the raise; whatever it chose is what the override must carry
            String raised = decided.action().configChanges().get("spark.executor.memory").to();
            assertThat(MemorySize.parse(raised).mebibytes()).isGreaterThan(8 * 1024);

            // known now, but nothing was remediated yet: the owner's configuration
            JobConfig before = config(job);
            assertThat(before.overrideStatus()).isEqualTo("NONE");
            assertThat(before.config()).isEqualTo(FailureEvents.sparkConfig());

            var retried = new TreeMap<>(heap.job().config());
            retried.put("spark.executor.memory", raised);
            // the retry used nearly all of the raised heap: the next failure of the job must raise it again
            long peak = MemorySize.parse(raised).mebibytes() * 1024 * 1024 * 95 / 100;
            TestProducer.send(producer, "job-outcomes", job, codec.writeBytes(new JobOutcome(1, job, heap.job().runId(), 2,
                    Instant.now(), true, retried, new RunMetrics(null, null, null, null, peak, peak + (2L << 30),
                            2L << 30, null, 1500L, 50, 4000), null)));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(config(job).override()).isEqualTo(Map.of("spark.executor.memory", raised)));
            JobConfig after = config(job);
            assertThat(after.overrideStatus()).isEqualTo("ACTIVE");
            assertThat(after.config()).containsEntry("spark.executor.memory", raised)
                    .containsEntry("spark.driver.memory", "4g");
            assertThat(after.ownerConfig()).containsEntry("spark.executor.memory", "8g");
            assertThat(after.sourceDecisionId()).isEqualTo(decided.decisionId());
            assertThat(after.updatedAt()).isNotNull();
            assertThat(history.activeOverride(job)).hasValueSatisfying(o -> assertThat(o.values())
                    .containsEntry("spark.executor.memory", raised));
            assertThat(history.peakUsage(job)).hasValueSatisfying(p -> assertThat(p.peakExecutorMemoryBytes())
                    .isEqualTo(peak));

            // the next day's run fails again, launched with the owner's 8g: the decision starts from the override
            FailureEvent nextDay = nextRun(heap, job + "/2026-11-23", "evt-next-day");
            TestProducer.send(producer, "job-failures", job, codec.writeBytes(nextDay));
            await().atMost(Duration.ofSeconds(60)).until(() -> decisions.findByEventId("evt-next-day").isPresent());
            Decision second = decisions.findByEventId("evt-next-day").orElseThrow();
            assertThat(second.action().override()).isNotNull();
            assertThat(second.action().override().values()).containsEntry("spark.executor.memory", raised);
            assertThat(second.action().override().sourceDecisionId()).isEqualTo(decided.decisionId());
            assertThat(second.action().reason()).contains("config override");
            // the tuner sizes this retry from the effective (overridden) configuration: every change starts from it
            Map<String, String> effective = RemediationPolicy.effectiveConfig(nextDay.job().config(),
                    second.action().override());
            assertThat(second.action().configChanges()).as(second.action().reason()).isNotEmpty();
            second.action().configChanges().forEach((key, change) ->
                    assertThat(change.from()).as(key).isEqualTo(effective.get(key)));

            // its retry succeeds: the override takes the retry's values; two later runs with a 4 GiB peak heap decay
            // its executor memory one step
            var retriedAgain = new TreeMap<>(effective);
            second.action().configChanges().forEach((key, change) -> retriedAgain.put(key, change.to()));
            TestProducer.send(producer, "job-outcomes", job, codec.writeBytes(new JobOutcome(1, job, nextDay.job().runId(), 2,
                    Instant.now(), true, retriedAgain, null, null)));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var override = config(job).override();
                second.action().configChanges().forEach((key, change) ->
                        assertThat(override).containsEntry(key, change.to()));
            });
            assertThat(config(job).sourceDecisionId()).isEqualTo(second.decisionId());
            long memory = MemorySize.parse(config(job).override().get("spark.executor.memory")).mebibytes();
            for (int day = 24; day <= 25; day++) {
                TestProducer.send(producer, "job-outcomes", job, codec.writeBytes(new JobOutcome(1, job, job + "/2026-11-" + day, 1,
                        Instant.now(), true, retriedAgain, new RunMetrics(null, null, null, null, 4L << 30, null, null,
                                null, 1500L, 50, 4000), null)));
            }
            // one step of 0.8, rounded up to a multiple of 256 MiB, never below the owner's 8g or the 4 GiB peak x 1.3;
            // at the owner's value the key leaves the override
            long stepped = Math.max(8 * 1024, (long) Math.ceil(memory * 0.8 / 256) * 256);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                String now = config(job).override().get("spark.executor.memory");
                if (stepped == 8 * 1024 && now == null) {
                    return;
                }
                assertThat(now).isNotNull();
                assertThat(MemorySize.parse(now).mebibytes()).isEqualTo(stepped);
            });
        }

        var list = get("/api/v1/config-overrides?page=0&size=10");
        assertThat(list.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> page = codec.read(list.body(), Map.class);
        assertThat(page).containsEntry("total", 1).containsEntry("page", 0).containsEntry("size", 10);
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(list.body()).contains("\"jobId\":\"etl.daily_sessions\"");
        assertThat(get("/api/v1/config-overrides?status=EXPIRED").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/config-overrides?size=0").statusCode()).isEqualTo(400);

        var noReason = delete("/api/v1/jobs/" + job + "/config");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("a reason is required");

        var cleared = delete("/api/v1/jobs/" + job + "/config?by=alice&reason="
                + URLEncoder.encode("owner raised memory in the DAG", StandardCharsets.UTF_8));
        assertThat(cleared.statusCode()).isEqualTo(200);
        JobConfig afterClear = config(job);
        assertThat(afterClear.overrideStatus()).isEqualTo("CLEARED");
        assertThat(afterClear.config()).isEqualTo(FailureEvents.sparkConfig());
        assertThat(afterClear.cleared().by()).isEqualTo("alice");
        assertThat(afterClear.cleared().reason()).isEqualTo("owner raised memory in the DAG");
        // a human action: in the audit trail, under the logged-in user
        assertThat(get("/api/v1/audit").body()).contains("OVERRIDE_CLEAR", "\"actor\":\"alice\"",
                "owner raised memory in the DAG");
        assertThat(delete("/api/v1/jobs/" + job + "/config?reason=again").statusCode()).isEqualTo(404);
        assertThat(delete("/api/v1/jobs/no-such-job/config?reason=x").body()).contains("unknown job");

        var changes = get("/api/v1/jobs/" + job + "/config/history");
        assertThat(changes.statusCode()).isEqualTo(200);
        assertThat(changes.body()).containsSubsequence("\"kind\":\"CLEARED\"", "\"actor\":\"alice\"",
                "\"kind\":\"DECAYED\"", "\"kind\":\"RAISED\"", "\"kind\":\"CREATED\"");
    }

    private static FailureEvent nextRun(FailureEvent event, String runId, String eventId) {
        Job j = event.job();
        return new FailureEvent(1, eventId, event.occurredAt().plusSeconds(86_400), new Job(j.jobId(), runId, 1,
                j.engine(), j.engineVersion(), j.owner(), j.scheduler(), j.tier(), j.config()), event.failure(),
                event.metrics());
    }

    private JobConfig config(String job) throws Exception {
        var response = get("/api/v1/jobs/" + job + "/config");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        return codec.read(response.body(), JobConfig.class);
    }

    private static final String ALICE = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("alice:alice-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", ALICE)
                .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", ALICE)
                .DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
