package dev.autoremediate.remediator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ActiveOverride;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.remediator.pipeline.ClassifiedFailure;
import dev.autoremediate.rules.ActionTemplate;
import dev.autoremediate.rules.RuleMatch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Decisions for jobs with a config override: they start from the effective configuration and say so. */
class PolicyWithOverrideTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:16:00Z");
    private static final ActiveOverride OVERRIDE = new ActiveOverride(Map.of("spark.executor.memory", "12g"), "d-earlier",
            Instant.parse("2026-11-21T08:00:00Z"));
    private final RemediationPolicy policy = new RemediationPolicy(PolicySettings.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ClassifiedFailure heapRule() {
        var rule = new RuleMatch("MEM-001", "MEM-001 heap", FailureCategory.MEMORY_EXECUTOR_OOM, true, 0.9,
                new ActionTemplate(ActionType.RETRY_WITH_CONFIG, List.of(ConfigStep.parse("spark.executor.memory*1.5")), 0),
                "heap");
        return new ClassifiedFailure(new Classification(FailureCategory.MEMORY_EXECUTOR_OOM, true, 0.9,
                ClassificationSource.RULE, "MEM-001", "v1", null, "rule MEM-001", List.of("MEM-001")), Optional.of(rule));
    }

    private static JobHistory withOverride(ActiveOverride override) {
        return new JobHistory() {
            @Override
            public Optional<Map<String, String>> lastSuccessfulConfig(String jobId) {
                return Optional.empty();
            }

            @Override
            public Optional<ActiveOverride> activeOverride(String jobId) {
                return Optional.of(override);
            }
        };
    }

    @Test
    void the_config_changes_start_from_the_override_not_the_owners_value() {
        // the event reports the owner's 8g (the run was launched without the override): the step starts at 12g
        Decision d = policy.decide(FailureEvents.heapOom("job-1"), heapRule(), List.of(), true, withOverride(OVERRIDE));

        assertThat(d.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(d.action().configChanges()).containsEntry("spark.executor.memory", new ConfigChange("12g", "18g"));
        assertThat(d.action().override()).isEqualTo(OVERRIDE);
        assertThat(d.action().reason()).contains("config override").contains("d-earlier");
    }

    @Test
    void a_decision_without_config_changes_still_records_the_override() {
        Decision d = policy.decide(FailureEvents.tableNotFound("job-2"), new ClassifiedFailure(new Classification(
                FailureCategory.SQL_ANALYSIS, false, 0.9, ClassificationSource.RULE, "SQL-001", "v1", null, "rule",
                List.of("SQL-001")), Optional.of(new RuleMatch("SQL-001", "SQL-001 t", FailureCategory.SQL_ANALYSIS, false,
                0.9, new ActionTemplate(ActionType.NO_RETRY, List.of(), 0), "sql"))), List.of(), true, withOverride(OVERRIDE));

        assertThat(d.action().type()).isEqualTo(ActionType.NO_RETRY);
        assertThat(d.action().override()).isEqualTo(OVERRIDE);
    }

    @Test
    void without_an_override_nothing_is_recorded_and_the_json_round_trips() {
        Decision d = policy.decide(FailureEvents.heapOom("job-3"), heapRule(), List.of(), true, JobHistory.NONE);
        Decision withO = policy.decide(FailureEvents.heapOom("job-3"), heapRule(), List.of(), true, withOverride(OVERRIDE));
        var codec = new ContractCodec();

        assertThat(d.action().override()).isNull();
        assertThat(d.action().configChanges()).containsEntry("spark.executor.memory", new ConfigChange("8g", "12g"));
        assertThat(codec.read(codec.write(d), Decision.class)).isEqualTo(d);
        assertThat(codec.read(codec.write(withO), Decision.class)).isEqualTo(withO);
        assertThat(codec.write(withO)).contains("\"override\":{");
    }

    @Test
    void the_effective_configuration_keeps_a_larger_value_the_owner_set_since() {
        var override = new ActiveOverride(Map.of("spark.executor.memory", "12g", "spark.sql.shuffle.partitions", "400",
                "spark.sql.autoBroadcastJoinThreshold", "-1"), "d", NOW);

        var effective = RemediationPolicy.effectiveConfig(Map.of("spark.executor.memory", "16g",
                "spark.sql.shuffle.partitions", "200", "spark.driver.memory", "4g"), override);

        assertThat(effective).containsEntry("spark.executor.memory", "16g")
                .containsEntry("spark.sql.shuffle.partitions", "400")
                .containsEntry("spark.sql.autoBroadcastJoinThreshold", "-1")
                .containsEntry("spark.driver.memory", "4g");
    }

    @Test
    void a_history_of_outcomes_gives_the_last_success_the_recent_runs_and_their_peaks() {
        var t = Instant.parse("2026-11-20T00:00:00Z");
        var history = JobHistory.of(List.of(
                outcome("job-4", "r1", t, true, "8g", 5L << 30, 7L << 30),
                outcome("job-4", "r2", t.plusSeconds(60), false, "8g", 7L << 30, null),
                outcome("job-4", "r3", t.plusSeconds(120), true, "12g", 6L << 30, 8L << 30),
                outcome("job-5", "r1", t, true, "2g", null, null)));

        assertThat(history.lastSuccessfulConfig("job-4")).contains(Map.of("spark.executor.memory", "12g"));
        assertThat(history.recentOutcomes("job-4")).extracting(JobOutcome::runId).containsExactly("r3", "r2", "r1");
        assertThat(history.peakUsage("job-4")).contains(new PeakUsage(7L << 30, 8L << 30, null, null, 3));
        assertThat(history.peakUsage("job-5")).isEmpty();
        assertThat(history.activeOverride("job-4")).isEmpty();
        assertThat(JobHistory.NONE.peakUsage("job-4")).isEmpty();
    }

    private static JobOutcome outcome(String job, String run, Instant at, boolean ok, String memory, Long heap, Long rss) {
        return new JobOutcome(1, job, run, 1, at, ok, Map.of("spark.executor.memory", memory),
                new RunMetrics(null, null, null, null, heap, rss, null, null, null, null, null), null);
    }
}
