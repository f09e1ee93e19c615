package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.autoremediate.ingest.contract.Action;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision, RetryCommand and JobOutcome as JSON: field names of contract v1, ISO-8601 instants, round trips. */
class ContractJsonTest {

    private final ContractCodec codec = new ContractCodec();

    static Decision decision() {
        return new Decision(1, "dec-5f2a", "8c1e5a0e-6f3b-4d2a-9a47-0c2f7d1b9e11",
                Instant.parse("2026-11-22T10:15:31.250Z"), "etl.daily_sessions", "etl.daily_sessions/2026-11-22", 1,
                new Classification(FailureCategory.MEMORY_OVERHEAD, true, 0.97, ClassificationSource.RULE, "MEM-004",
                        "sha256:1f0c9e", null, "matched 'exceeding memory limits'", List.of("MEM-004", "MEM-001")),
                new Action(ActionType.RETRY_WITH_CONFIG,
                        Map.of("spark.executor.memoryOverhead", new ConfigChange("1g", "2g")), 60,
                        "container killed for exceeding memory limits: double the overhead", 0.93, 0.12),
                DecisionStatus.APPLIED);
    }

    @Test
    void aDecisionWrittenAndReadBackIsEqual() {
        Decision decision = decision();

        assertThat(codec.read(codec.write(decision), Decision.class)).isEqualTo(decision);
    }

    @Test
    void aDecisionWithoutModelOrConfigChangesRoundTrips() {
        Decision decision = new Decision(1, "dec-2", "evt-2", Instant.parse("2026-11-22T10:15:31Z"), "job", "run", 3,
                new Classification(FailureCategory.UNKNOWN, null, 0.0, ClassificationSource.NONE, null, "sha256:ab",
                        null, "no rule matched", List.of()),
                new Action(ActionType.ESCALATE, null, 0, "retry budget spent", null, null),
                DecisionStatus.PENDING_APPROVAL);

        Decision back = codec.read(codec.write(decision), Decision.class);

        assertThat(back).isEqualTo(decision);
        assertThat(back.classification().retryable()).isNull();
        assertThat(back.action().configChanges()).isEmpty();
    }

    @Test
    void aDecisionIsWrittenWithTheFieldNamesOfContractV1() {
        Map<String, Object> json = asMap(codec.write(decision()));

        assertThat(json).containsOnlyKeys("schemaVersion", "decisionId", "eventId", "decidedAt", "jobId", "runId",
                "attempt", "classification", "action", "status");
        assertThat(json).contains(entry("schemaVersion", 1), entry("decisionId", "dec-5f2a"),
                entry("jobId", "etl.daily_sessions"), entry("attempt", 1), entry("status", "APPLIED"));

        Map<String, Object> classification = child(json, "classification");
        // matchedRules is the one documented extension of v1
        assertThat(classification).containsKeys("category", "retryable", "confidence", "source", "ruleId",
                "rulePackVersion", "modelVersion", "explanation");
        assertThat(classification.keySet()).containsOnly("category", "retryable", "confidence", "source", "ruleId",
                "rulePackVersion", "modelVersion", "explanation", "matchedRules");
        assertThat(classification).contains(entry("category", "MEMORY_OVERHEAD"), entry("retryable", true),
                entry("confidence", 0.97), entry("source", "RULE"), entry("ruleId", "MEM-004"),
                entry("modelVersion", null));

        Map<String, Object> action = child(json, "action");
        // override (the job's config override in effect, null when none) is the documented extension of v1
        assertThat(action).containsOnlyKeys("type", "configChanges", "delaySeconds", "reason", "predictedSuccess",
                "predictedCostChange", "override");
        assertThat(action).containsEntry("override", null);
        assertThat(action).contains(entry("type", "RETRY_WITH_CONFIG"), entry("delaySeconds", 60),
                entry("predictedSuccess", 0.93), entry("predictedCostChange", 0.12));
        Map<String, Object> changes = child(action, "configChanges");
        assertThat(changes).containsOnlyKeys("spark.executor.memoryOverhead");
        assertThat(child(changes, "spark.executor.memoryOverhead")).containsExactly(entry("from", "1g"), entry("to", "2g"));
    }

    @Test
    void aDecisionWritesInstantsAsIso8601Text() {
        Map<String, Object> json = asMap(codec.write(decision()));

        assertThat(json.get("decidedAt")).isEqualTo("2026-11-22T10:15:31.250Z");
    }

    @Test
    void theDecisionOfTheDesignDocumentReads() {
        Decision decision = codec.read(Fixtures.contract("decision-example.json"), Decision.class);

        assertThat(decision.decidedAt()).isEqualTo(Instant.parse("2026-11-22T10:15:31.250Z"));
        assertThat(decision.classification().category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(decision.classification().source()).isEqualTo(ClassificationSource.RULE);
        assertThat(decision.classification().modelVersion()).isNull();
        assertThat(decision.classification().matchedRules()).isEmpty();
        assertThat(decision.action().configChanges())
                .containsOnly(entry("spark.executor.memoryOverhead", new ConfigChange("1g", "2g")));
        assertThat(decision.status()).isEqualTo(DecisionStatus.APPLIED);
        assertThat(decision).isEqualTo(new Decision(1, "dec-5f2a", "8c1e5a0e-6f3b-4d2a-9a47-0c2f7d1b9e11",
                decision.decidedAt(), "etl.daily_sessions", "etl.daily_sessions/2026-11-22", 1,
                new Classification(FailureCategory.MEMORY_OVERHEAD, true, 0.97, ClassificationSource.RULE, "MEM-004",
                        "sha256:1f0c9e", null, "matched 'exceeding memory limits'", null),
                decision.action(), DecisionStatus.APPLIED));
    }

    @Test
    void aDecisionWithUnknownFieldsReads() {
        String json = Fixtures.contract("decision-example.json")
                .replace("\"status\": \"APPLIED\"", "\"status\": \"APPLIED\", \"reviewer\": {\"name\": \"x\"}")
                .replace("\"delaySeconds\": 60", "\"delaySeconds\": 60, \"jitter\": [1, 2]");

        assertThat(codec.read(json, Decision.class)).isEqualTo(codec.read(Fixtures.contract("decision-example.json"),
                Decision.class));
    }

    @Test
    void withStatusChangesOnlyTheStatus() {
        Decision decision = decision();

        Decision succeeded = decision.withStatus(DecisionStatus.SUCCEEDED);

        assertThat(succeeded.status()).isEqualTo(DecisionStatus.SUCCEEDED);
        assertThat(succeeded.withStatus(DecisionStatus.APPLIED)).isEqualTo(decision);
    }

    @Test
    void aRetryCommandWrittenAndReadBackIsEqual() {
        RetryCommand command = new RetryCommand(1, "cmd-dec-5f2a", "dec-5f2a", "etl.daily_sessions",
                "etl.daily_sessions/2026-11-22", 2, Instant.parse("2026-11-22T10:16:31Z"),
                Map.of("spark.executor.memoryOverhead", "2g", "spark.executor.memory", "8g"));

        String json = codec.write(command);

        assertThat(codec.read(json, RetryCommand.class)).isEqualTo(command);
        assertThat(asMap(json)).containsOnlyKeys("schemaVersion", "commandId", "decisionId", "jobId", "runId",
                "nextAttempt", "notBefore", "configOverrides");
        assertThat(asMap(json)).contains(entry("notBefore", "2026-11-22T10:16:31Z"), entry("nextAttempt", 2));
        assertThat(child(asMap(json), "configOverrides"))
                .containsOnly(entry("spark.executor.memoryOverhead", "2g"), entry("spark.executor.memory", "8g"));
    }

    @Test
    void aJobOutcomeWrittenAndReadBackIsEqual() {
        JobOutcome outcome = new JobOutcome(1, "etl.daily_sessions", "etl.daily_sessions/2026-11-22", 2,
                Instant.parse("2026-11-22T11:02:00Z"), true, Map.of("spark.executor.memoryOverhead", "2g"),
                new RunMetrics(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10, 11), "8c1e5a0e");

        String json = codec.write(outcome);

        assertThat(codec.read(json, JobOutcome.class)).isEqualTo(outcome);
        assertThat(asMap(json)).containsOnlyKeys("schemaVersion", "jobId", "runId", "attempt", "finishedAt",
                "succeeded", "config", "metrics", "failureEventId");
        assertThat(asMap(json)).contains(entry("finishedAt", "2026-11-22T11:02:00Z"), entry("succeeded", true));
        assertThat(child(asMap(json), "metrics")).containsOnlyKeys("inputBytes", "shuffleReadBytes",
                "shuffleWriteBytes", "spillBytes", "peakExecutorMemoryBytes", "peakExecutorRssBytes",
                "peakDriverMemoryBytes", "resultBytes", "durationSeconds", "numExecutors", "numTasks");
    }

    @Test
    void aSuccessfulJobOutcomeWithoutFailureEventOrMetricsRoundTrips() {
        JobOutcome outcome = new JobOutcome(1, "j", "r", 1, Instant.parse("2026-11-22T11:02:00Z"), true, null, null,
                null);

        JobOutcome back = codec.read(codec.write(outcome), JobOutcome.class);

        assertThat(back).isEqualTo(outcome);
        assertThat(back.config()).isEmpty();
    }

    @Test
    void aJobOutcomeReadsNumericConfigValuesAsText() {
        String json = """
                {"schemaVersion": 1, "jobId": "j", "runId": "r", "attempt": 1, "finishedAt": "2026-11-22T11:02:00Z",
                 "succeeded": false, "config": {"spark.executor.cores": 4}, "failureEventId": "e", "extra": 1}
                """;

        assertThat(codec.read(json, JobOutcome.class).config()).containsOnly(entry("spark.executor.cores", "4"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(String json) {
        return codec.read(json, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).isInstanceOf(Map.class);
        return (Map<String, Object>) parent.get(key);
    }
}
