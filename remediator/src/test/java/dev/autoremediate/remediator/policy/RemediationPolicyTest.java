package dev.autoremediate.remediator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.pipeline.ClassifiedFailure;
import dev.autoremediate.rules.ActionTemplate;
import dev.autoremediate.rules.RuleMatch;
import dev.autoremediate.tuner.GuardRails;
import dev.autoremediate.tuner.MemorySize;
import dev.autoremediate.tuner.TeamBudgets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemediationPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:16:00Z");
    private final RemediationPolicy policy = new RemediationPolicy(PolicySettings.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ClassifiedFailure matched(FailureCategory category, boolean retryable, ActionType type, int delay,
            String... steps) {
        var rule = new RuleMatch("R-001", "R-001 test rule", category, retryable, 0.9,
                new ActionTemplate(type, List.of(steps).stream().map(ConfigStep::parse).toList(), delay), "a test rule");
        var classification = new Classification(category, retryable, 0.9, ClassificationSource.RULE, "R-001", "v1", null,
                "rule R-001", List.of("R-001"));
        return new ClassifiedFailure(classification, Optional.of(rule));
    }

    private static ClassifiedFailure unknown() {
        return new ClassifiedFailure(new Classification(FailureCategory.UNKNOWN, null, 0.0, ClassificationSource.NONE, null,
                "v1", null, "no rule matched", List.of()), Optional.empty());
    }

    private static ClassifiedFailure byModel(FailureCategory category, boolean retryable) {
        return new ClassifiedFailure(new Classification(category, retryable, 0.8, ClassificationSource.MODEL, null, "v1",
                "fc-0123456789ab", "model", List.of()), Optional.empty());
    }

    @Test
    void a_category_the_model_named_gives_a_plain_retry_no_retry_or_escalation() {
        FailureEvent event = FailureEvents.s3SlowDown("job-m");

        Decision retry = policy.decide(event, byModel(FailureCategory.TRANSIENT_IO, true), List.of(), true, JobHistory.NONE);
        Decision owner = policy.decide(event, byModel(FailureCategory.USER_CODE, false), List.of(), true, JobHistory.NONE);
        Decision oncall = policy.decide(event, byModel(FailureCategory.PERMISSION, false), List.of(), true, JobHistory.NONE);

        assertThat(retry.action().type()).isEqualTo(ActionType.RETRY);
        assertThat(retry.action().configChanges()).isEmpty();
        assertThat(retry.action().delaySeconds()).isEqualTo(60);
        assertThat(retry.action().reason()).contains("fc-0123456789ab");
        assertThat(owner.action().type()).isEqualTo(ActionType.NO_RETRY);
        assertThat(oncall.action().type()).isEqualTo(ActionType.ESCALATE);
    }

    @Test
    void a_retryable_memory_rule_gives_a_retry_with_the_tuned_config() {
        FailureEvent event = FailureEvents.heapOom("job-1");

        Decision d = policy.decide(event, matched(FailureCategory.MEMORY_EXECUTOR_OOM, true, ActionType.RETRY_WITH_CONFIG,
                0, "spark.executor.memory*1.5"), List.of(), true, JobHistory.NONE);

        assertThat(d.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        String raised = d.action().configChanges().get("spark.executor.memory").to();
        assertThat(MemorySize.parse(raised).mebibytes()).isGreaterThan(8 * 1024).isLessThanOrEqualTo(16 * 1024);
        assertThat(d.action().predictedSuccess()).isGreaterThanOrEqualTo(PolicySettings.DEFAULT_SUCCESS_BAR);
        assertThat(d.action().predictedCostChange()).isPositive();
        assertThat(d.action().candidates()).isNotEmpty();
        assertThat(d.action().candidates().get(0).configChanges()).containsEntry("spark.executor.memory", raised);
        assertThat(d.action().reason()).contains("candidate configurations", "no history of the job");
        assertThat(d.action().delaySeconds()).isEqualTo(60);
        assertThat(d.status()).isEqualTo(DecisionStatus.PROPOSED);
        assertThat(d.decidedAt()).isEqualTo(NOW);
        assertThat(d.decisionId()).isEqualTo(RemediationPolicy.decisionId(event));
        assertThat(d.jobId()).isEqualTo("job-1");
        assertThat(d.attempt()).isEqualTo(1);
    }

    @Test
    void classify_names_the_action_without_config_values() {
        Decision d = policy.decide(FailureEvents.heapOom("job-1"), matched(FailureCategory.MEMORY_EXECUTOR_OOM, true,
                ActionType.RETRY_WITH_CONFIG, 0, "spark.executor.memory*1.5"), List.of(), false, JobHistory.NONE);

        assertThat(d.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(d.action().configChanges()).isEmpty();
        assertThat(d.action().reason()).contains("spark.executor.memory*1.5");
    }

    @Test
    void a_non_retryable_rule_gives_no_retry_or_escalation_as_the_rule_says() {
        FailureEvent event = FailureEvents.tableNotFound("job-2");

        Decision noRetry = policy.decide(event, matched(FailureCategory.SQL_ANALYSIS, false, ActionType.NO_RETRY, 0),
                List.of(), true, JobHistory.NONE);
        Decision escalate = policy.decide(event, matched(FailureCategory.PERMISSION, false, ActionType.ESCALATE, 0),
                List.of(), true, JobHistory.NONE);
        Decision inconsistent = policy.decide(event, matched(FailureCategory.USER_CODE, false, ActionType.RETRY, 0),
                List.of(), true, JobHistory.NONE);

        assertThat(noRetry.action().type()).isEqualTo(ActionType.NO_RETRY);
        assertThat(escalate.action().type()).isEqualTo(ActionType.ESCALATE);
        assertThat(inconsistent.action().type()).isEqualTo(ActionType.NO_RETRY);
    }

    @Test
    void an_unknown_failure_gets_one_cautious_retry_then_escalates() {
        FailureEvent first = FailureEvents.unrecognised("job-3");
        Decision d1 = policy.decide(first, unknown(), List.of(), true, JobHistory.NONE);
        Decision d2 = policy.decide(FailureEvents.attempt(first, 2), unknown(), List.of(d1), true, JobHistory.NONE);

        assertThat(d1.action().type()).isEqualTo(ActionType.RETRY);
        assertThat(d1.action().delaySeconds()).isEqualTo(Duration.ofMinutes(5).toSeconds());
        assertThat(d2.action().type()).isEqualTo(ActionType.ESCALATE);
        assertThat(d2.action().reason()).contains("cautious retry");
    }

    @Test
    void an_unknown_failure_after_a_known_one_still_gets_its_cautious_retry() {
        FailureEvent first = FailureEvents.fetchFailed("job-4");
        Decision known = policy.decide(first, matched(FailureCategory.SHUFFLE_FETCH, true, ActionType.RETRY, 30), List.of(),
                true, JobHistory.NONE);

        Decision d2 = policy.decide(FailureEvents.attempt(FailureEvents.unrecognised("job-4"), 2), unknown(), List.of(known),
                true, JobHistory.NONE);

        assertThat(d2.action().type()).isEqualTo(ActionType.RETRY);
    }

    @Test
    void the_retry_budget_per_run_escalates_the_last_attempt() {
        FailureEvent fourth = FailureEvents.attempt(FailureEvents.fetchFailed("job-5"), 4);

        Decision d = policy.decide(fourth, matched(FailureCategory.SHUFFLE_FETCH, true, ActionType.RETRY, 30), List.of(),
                true, JobHistory.NONE);

        assertThat(d.action().type()).isEqualTo(ActionType.ESCALATE);
        assertThat(d.action().reason()).contains("retry budget");
    }

    @Test
    void backoff_doubles_per_attempt_from_the_rules_base_delay_and_is_capped() {
        ClassifiedFailure io = matched(FailureCategory.TRANSIENT_IO, true, ActionType.RETRY, 120);
        FailureEvent event = FailureEvents.s3SlowDown("job-6");
        var lenient = new RemediationPolicy(new PolicySettings(10, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ofMinutes(5), false, GuardRails.DEFAULT), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(lenient.decide(event, io, List.of(), true, JobHistory.NONE).action().delaySeconds()).isEqualTo(120);
        assertThat(lenient.decide(FailureEvents.attempt(event, 2), io, List.of(), true, JobHistory.NONE).action()
                .delaySeconds()).isEqualTo(240);
        assertThat(lenient.decide(FailureEvents.attempt(event, 3), io, List.of(), true, JobHistory.NONE).action()
                .delaySeconds()).isEqualTo(480);
        assertThat(lenient.decide(FailureEvents.attempt(event, 4), io, List.of(), true, JobHistory.NONE).action()
                .delaySeconds()).isEqualTo(600);
    }

    @Test
    void at_the_container_cap_the_tuner_gives_each_task_more_memory_by_fewer_cores_or_more_partitions() {
        var tight = new RemediationPolicy(new PolicySettings(4, Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofMinutes(5), false, new GuardRails(9 * 1024, 2.0, 32 * 1024)), Clock.fixed(NOW, ZoneOffset.UTC));

        Decision d = tight.decide(FailureEvents.heapOom("job-7"), matched(FailureCategory.MEMORY_EXECUTOR_OOM, true,
                ActionType.RETRY_WITH_CONFIG, 0, "spark.executor.memory*1.5"), List.of(), true, JobHistory.NONE);

        assertThat(d.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(d.action().configChanges()).doesNotContainKey("spark.executor.memory")
                .containsAnyOf(entry("spark.executor.cores", new ConfigChange("4", "3")),
                        entry("spark.executor.cores", new ConfigChange("4", "2")),
                        entry("spark.sql.shuffle.partitions", new ConfigChange("200", "400")));
    }

    @Test
    void a_team_budget_that_no_candidate_fits_escalates() {
        var budgets = new TeamBudgets(null, Map.of("team-playback", 1.0));
        var thrifty = new RemediationPolicy(new PolicySettings(4, Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofMinutes(5), false, GuardRails.DEFAULT, 0.9, budgets), Clock.fixed(NOW, ZoneOffset.UTC));

        Decision d = thrifty.decide(FailureEvents.heapOom("job-7"), matched(FailureCategory.MEMORY_EXECUTOR_OOM, true,
                ActionType.RETRY_WITH_CONFIG, 0, "spark.executor.memory*1.5"), List.of(), true, JobHistory.NONE);

        assertThat(d.action().type()).isEqualTo(ActionType.ESCALATE);
        assertThat(d.action().reason()).contains("guard rail", "budget of team-playback");
    }

    @Test
    void the_jobs_last_successful_memory_sizes_the_retry() {
        var outcome = new JobOutcome(1, "job-8", "job-8/2026-11-21", 2, Instant.parse("2026-11-21T10:00:00Z"), true,
                Map.of("spark.executor.memory", "14g"), null, null);

        Decision d = policy.decide(FailureEvents.heapOom("job-8"), matched(FailureCategory.MEMORY_EXECUTOR_OOM, true,
                ActionType.RETRY_WITH_CONFIG, 0, "spark.executor.memory*1.5"), List.of(), true,
                JobHistory.of(List.of(outcome)));

        Decision without = policy.decide(FailureEvents.heapOom("job-8"), matched(FailureCategory.MEMORY_EXECUTOR_OOM,
                true, ActionType.RETRY_WITH_CONFIG, 0, "spark.executor.memory*1.5"), List.of(), true, JobHistory.NONE);

        // it needed 14g last time: more than the heuristics would give a job without history
        assertThat(heap(d)).isGreaterThan(heap(without));
        assertThat(d.action().reason()).contains("last successful run job-8/2026-11-21");
    }

    private static long heap(Decision d) {
        return MemorySize.parse(d.action().configChanges().get("spark.executor.memory").to()).mebibytes();
    }

    @Test
    void the_same_event_always_gets_the_same_decision_id() {
        Instant at = Instant.parse("2026-11-24T01:02:03.456Z");
        assertThat(RemediationPolicy.decisionId("e-1", at)).isEqualTo(RemediationPolicy.decisionId("e-1", at))
                .isNotEqualTo(RemediationPolicy.decisionId("e-2", at))
                .isNotEqualTo(RemediationPolicy.decisionId("e-1", at.plusMillis(1)));
        assertThat(RemediationPolicy.decisionId("e-1", null)).isEqualTo(RemediationPolicy.decisionId("e-1", null))
                .isNotEqualTo(RemediationPolicy.decisionId("e-2", null));
    }

    @Test
    void decision_ids_are_version_8_uuids_that_sort_as_text_in_the_order_the_failures_occurred() {
        Instant at = Instant.parse("2026-11-24T01:02:03.456Z");
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 2_000; i++) {
            // event ids in no particular order; failure times one to a few milliseconds apart
            ids.add(RemediationPolicy.decisionId(java.util.UUID.randomUUID().toString(), at.plusMillis(i * 3L + i % 2)));
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        java.util.UUID first = java.util.UUID.fromString(ids.get(0));
        assertThat(first.version()).isEqualTo(8);
        assertThat(first.variant()).isEqualTo(2); // RFC 9562 (IETF) variant
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli()); // the failure's time, in ms
        assertThat(java.util.UUID.fromString(RemediationPolicy.decisionId("e-1", null)).version())
                .as("without a failure time: the name-based UUID of the event id").isEqualTo(3);
        assertThat(java.util.UUID.fromString(RemediationPolicy.decisionId("e-1", Instant.EPOCH.minusSeconds(5)))
                .getMostSignificantBits() >>> 16).as("a time before the epoch counts as the epoch").isZero();
    }
}
