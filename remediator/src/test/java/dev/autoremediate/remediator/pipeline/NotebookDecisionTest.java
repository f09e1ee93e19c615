package dev.autoremediate.remediator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.ingest.openlineage.OpenLineageMapper;
import dev.autoremediate.ingest.openlineage.OpenLineageMapping;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.rules.RulePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled notebook's failure, decided: the Papermill error is classified by the Spark error inside it, the
 * decision names the failing cell, and a rule can change notebook parameters besides Spark configuration — the retry
 * command then carries each in its own map.
 */
class NotebookDecisionTest {

    private static final Path FIXTURES = Path.of("../ingest/src/test/resources/fixtures/papermill");
    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");

    private final RemediationPolicy policy = new RemediationPolicy(PolicySettings.DEFAULT,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static FailureEvent notebookRun(String papermillLog) {
        var config = new TreeMap<String, String>(Map.of("spark.executor.memory", "8g",
                "spark.executor.memoryOverhead", "2g", "notebook.parameters.batch_size", "10000",
                "notebook.parameters.run_date", "2026-11-21"));
        Job job = new Job("etl/sessions_daily.ipynb", "etl/sessions_daily.ipynb/2026-11-21", 1, "notebook", null,
                "team-playback", "papermill", 2, config);
        return new FailureEvent(1, "nb-evt-1", NOW.minusSeconds(30), job,
                new Failure(1, null, "papermill exited with status 1", null, papermillLog), null);
    }

    @Test
    void the_decision_classifies_the_spark_error_inside_the_notebook_and_names_the_failing_cell() throws IOException {
        FailureEvent event = notebookRun(Files.readString(FIXTURES.resolve("papermill-py4j-executor-heap-oom.log")));
        ClassifiedFailure classified = new FailureClassifier(RulePack.bundled()).classify(event);

        Decision decision = policy.decide(event, classified, List.of(), true, JobHistory.NONE);

        assertThat(decision.classification().category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(decision.classification().explanation()).startsWith(
                "notebook cell 12 (In [5]) failed with Py4JJavaError wrapping org.apache.spark.SparkException; rule ");
        assertThat(decision.action().type()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(decision.action().configChanges()).containsKey("spark.executor.memory");
    }

    @Test
    void a_rule_that_changes_a_notebook_parameter_gives_a_retry_command_that_says_which_is_which(@TempDir Path rules)
            throws IOException {
        Path dir = Files.createDirectories(rules.resolve("dev/autoremediate/rules/pack"));
        Files.writeString(dir.resolve("notebook.drl"), """
                package dev.autoremediate.rules.pack;
                import dev.autoremediate.rules.FailureFact;

                rule "NB-001 notebook executors out of heap: more memory, smaller batches"
                    @category("MEMORY_EXECUTOR_OOM") @retryable(true) @confidence(0.95)
                    @action("RETRY_WITH_CONFIG") @steps("spark.executor.memory*1.5; notebook.parameters.batch_size*0.5")
                    @description("A notebook's Spark executors ran out of heap: raise executor memory and halve the batch")
                when
                    FailureFact( engine == "notebook", text contains "java heap space" )
                then
                end
                """);
        FailureEvent event = notebookRun(Files.readString(FIXTURES.resolve("papermill-py4j-executor-heap-oom.log")));
        ClassifiedFailure classified = new FailureClassifier(RulePack.fromDirectory(rules)).classify(event);

        Decision decision = policy.decide(event, classified, List.of(), true, JobHistory.NONE);
        var changed = new TreeMap<String, String>();
        decision.action().configChanges().forEach((key, change) -> changed.put(key, change.to()));
        RetryCommand command = RetryCommand.of(1, "cmd", decision.decisionId(), decision.jobId(), decision.runId(), 2,
                NOW, changed);

        assertThat(decision.classification().ruleId()).isEqualTo("NB-001");
        assertThat(decision.action().configChanges())
                .containsEntry("notebook.parameters.batch_size", new ConfigChange("10000", "5000"))
                .containsEntry("spark.executor.memory", new ConfigChange("8g", "12g"));
        assertThat(command.configOverrides()).containsOnly(entry("spark.executor.memory", "12g"));
        assertThat(command.notebookParameters()).containsOnly(entry("batch_size", "5000"));
    }

    @Test
    void an_airflow_papermill_task_reported_through_openlineage_is_decided_by_the_spark_error_in_its_cell()
            throws IOException {
        String runEvent = Files.readString(Path.of("../ingest/src/test/resources/fixtures/openlineage/"
                + "airflow-papermill-fail.json"));
        FailureEvent event = ((OpenLineageMapping.Failed) new OpenLineageMapper(new ContractCodec()).map(runEvent))
                .event();

        Decision decision = policy.decide(event, new FailureClassifier(RulePack.bundled()).classify(event), List.of(),
                true, JobHistory.NONE);

        assertThat(event.failure().exceptionClass()).isEqualTo("papermill.exceptions.PapermillExecutionError");
        assertThat(decision.classification().category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(decision.classification().explanation()).startsWith(
                "notebook cell In [9] failed with Py4JJavaError wrapping org.apache.spark.SparkException; rule MEM-010");
    }
}
