package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which rules of the bundled pack fire for the typical failures of {@link FailureEvents}, and which one decides. */
class ClassifyTest {

    private final RulePack pack = BundledPack.get();

    @Test
    void an_executor_heap_oom_is_an_executor_oom_that_raises_executor_memory() {
        RuleOutcome outcome = pack.classify(FailureEvents.heapOom("job-1"));

        assertThat(firedIds(outcome)).containsExactly("MEM-001");
        RuleMatch best = outcome.best().orElseThrow();
        assertThat(best.category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(best.retryable()).isTrue();
        assertThat(best.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(best.action().steps()).containsExactly(ConfigStep.parse("spark.executor.memory*1.5"));
        assertThat(outcome.packVersion()).isEqualTo(pack.version());
    }

    @Test
    void a_container_killed_for_memory_is_memory_overhead_ahead_of_the_weaker_rules_it_also_fires() {
        RuleOutcome outcome = pack.classify(FailureEvents.containerKilled("job-1"));

        assertThat(firedIds(outcome)).containsExactly("MEM-010", "EXL-001", "MEM-011");
        RuleMatch best = outcome.best().orElseThrow();
        assertThat(best.category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(best.action().steps()).containsExactly(ConfigStep.parse("spark.executor.memoryOverhead*2"));
    }

    @Test
    void results_bigger_than_max_result_size_are_a_driver_memory_failure() {
        RuleOutcome outcome = pack.classify(FailureEvents.driverOom("job-1"));

        assertThat(firedIds(outcome)).containsExactly("MEM-020");
        assertThat(outcome.best().orElseThrow().category()).isEqualTo(FailureCategory.MEMORY_DRIVER);
        assertThat(outcome.best().orElseThrow().action().steps()).extracting(ConfigStep::key)
                .containsExactly("spark.driver.maxResultSize", "spark.driver.memory");
    }

    @Test
    void a_fetch_failure_is_a_shuffle_fetch_failure_retried_as_it_is() {
        RuleOutcome outcome = pack.classify(FailureEvents.fetchFailed("job-1"));

        assertThat(firedIds(outcome)).containsExactly("SHF-001");
        assertThat(outcome.best().orElseThrow().category()).isEqualTo(FailureCategory.SHUFFLE_FETCH);
        assertThat(outcome.best().orElseThrow().action().type()).isEqualTo(ActionType.RETRY);
    }

    @Test
    void an_s3_slow_down_is_transient_io_retried_after_a_delay() {
        RuleOutcome outcome = pack.classify(FailureEvents.s3SlowDown("job-1"));

        assertThat(firedIds(outcome)).containsExactly("IO-001");
        RuleMatch best = outcome.best().orElseThrow();
        assertThat(best.category()).isEqualTo(FailureCategory.TRANSIENT_IO);
        assertThat(best.action().type()).isEqualTo(ActionType.RETRY);
        assertThat(best.action().baseDelaySeconds()).isPositive();
    }

    @Test
    void a_missing_table_is_a_sql_analysis_failure_decided_by_the_specific_rule() {
        RuleOutcome outcome = pack.classify(FailureEvents.tableNotFound("job-1"));

        assertThat(firedIds(outcome)).containsExactly("SQL-002", "SQL-001");
        assertThat(outcome.best().orElseThrow().category()).isEqualTo(FailureCategory.SQL_ANALYSIS);
        assertThat(outcome.best().orElseThrow().retryable()).isFalse();
        assertThat(outcome.best().orElseThrow().action().type()).isEqualTo(ActionType.NO_RETRY);
    }

    @Test
    void access_denied_is_a_permission_failure_that_escalates() {
        RuleOutcome outcome = pack.classify(FailureEvents.accessDenied("job-1"));

        assertThat(firedIds(outcome)).containsExactly("PRM-001", "PRM-002");
        assertThat(outcome.best().orElseThrow().category()).isEqualTo(FailureCategory.PERMISSION);
        assertThat(outcome.best().orElseThrow().action().type()).isEqualTo(ActionType.ESCALATE);
    }

    @Test
    void an_unrecognised_failure_matches_no_rule() {
        RuleOutcome outcome = pack.classify(FailureEvents.unrecognised("job-1"));

        assertThat(outcome.matches()).isEmpty();
        assertThat(outcome.best()).isEmpty();
        assertThat(outcome.packVersion()).isEqualTo(pack.version());
    }

    @Test
    void rules_match_whatever_part_of_the_failure_holds_the_text_and_ignore_case() {
        FailureEvent inLogTail = event("spark", null, null, null, null, "ERROR Executor: JAVA.LANG.OUTOFMEMORYERROR: JAVA HEAP SPACE");
        FailureEvent inStackTrace = event("spark", null, null, "java.lang.OutOfMemoryError: Java heap space\n\tat x.y(Z.java:1)", null, null);

        assertThat(firedIds(pack.classify(inLogTail))).containsExactly("MEM-001");
        assertThat(firedIds(pack.classify(inStackTrace))).containsExactly("MEM-001");
    }

    @Test
    void the_same_heap_oom_gets_the_config_keys_of_its_engine() {
        String heap = "java.lang.OutOfMemoryError: Java heap space";

        assertThat(bestId(event("mapreduce", null, null, heap, null, null))).isEqualTo("MEM-004");
        assertThat(bestId(event("hive", null, null, heap + "\n\tat org.apache.tez.runtime.X.y(X.java:1)", null, null)))
                .isEqualTo("MEM-005");
        assertThat(bestId(event("flink", null, null, heap, null, null))).isEqualTo("MEM-006");
        assertThat(bestId(event("spark", null, "Exception in thread \"main\" " + heap, null, null, null)))
                .isEqualTo("MEM-021");
    }

    @Test
    void an_executor_that_exited_with_code_50_is_lost_to_a_user_exception_and_not_retried() {
        RuleOutcome outcome = pack.classify(event("spark", 50,
                "ExecutorLostFailure (executor 3 exited caused by one of the running tasks) Reason: Container exited"
                        + " with a non-zero exit code 50", null, "org.apache.spark.SparkException", null));

        assertThat(firedIds(outcome)).containsExactly("EXL-004", "EXL-001");
        assertThat(outcome.best().orElseThrow().retryable()).isFalse();
    }

    @Test
    void a_failure_without_text_or_engine_matches_nothing() {
        var job = new Job("j", "j/1", 1, null, null, null, null, null, null);
        var empty = new FailureEvent(1, "e", FailureEvents.OCCURRED_AT, job, new Failure(null, null, null, null, null), null);

        assertThat(pack.classify(empty).matches()).isEmpty();
    }

    static FailureEvent event(String engine, Integer exitCode, String message, String stackTrace, String exceptionClass,
            String logTail) {
        var job = new Job("job-1", "job-1/1", 1, engine, null, null, null, null, null);
        var failure = new Failure(exitCode, exceptionClass, message, stackTrace, logTail);
        return new FailureEvent(1, "evt-1", FailureEvents.OCCURRED_AT, job, failure, null);
    }

    private String bestId(FailureEvent event) {
        return pack.classify(event).best().map(RuleMatch::ruleId).orElse("none");
    }

    private static List<String> firedIds(RuleOutcome outcome) {
        return outcome.matches().stream().map(RuleMatch::ruleId).toList();
    }
}
