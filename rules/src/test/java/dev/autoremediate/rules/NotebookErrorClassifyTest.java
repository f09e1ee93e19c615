package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Scheduled notebooks: a PapermillExecutionError is classified by the engine error inside it, not by the Python
 * traceback around it. The fixtures are ingest's (realistic Papermill texts, ANSI colours included).
 */
class NotebookErrorClassifyTest {

    private static final Path FIXTURES = Path.of("../ingest/src/test/resources/fixtures/papermill");

    private final RulePack pack = BundledPack.get();

    private static FailureEvent notebookRun(Failure failure) {
        FailureEvent base = FailureEvents.heapOom("nb-1");
        Job job = new Job("etl/sessions_daily.ipynb", "etl/sessions_daily.ipynb/2026-11-21", 1, "notebook", null,
                "team-playback", "papermill", 2, base.job().config());
        return new FailureEvent(1, "nb-evt-1", base.occurredAt(), job, failure, null);
    }

    private static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_spark_executor_heap_oom_raised_through_py4j_in_a_notebook_cell_is_an_executor_oom() {
        // as a Papermill-based scheduler reports it: the CLI's log tail, a generic message
        RuleOutcome outcome = pack.classify(notebookRun(new Failure(1, null, "papermill exited with status 1", null,
                fixture("papermill-py4j-executor-heap-oom.log"))));

        assertThat(outcome.best()).get().extracting(RuleMatch::category).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(outcome.matches()).extracting(RuleMatch::category).doesNotContain(FailureCategory.USER_CODE);
    }

    @Test
    void a_container_killed_inside_a_notebook_cell_is_memory_overhead() {
        RuleOutcome outcome = pack.classify(notebookRun(new Failure(null, "papermill.exceptions.PapermillExecutionError",
                fixture("papermill-py4j-container-killed.txt"), null, null)));

        assertThat(outcome.best()).get().extracting(RuleMatch::category).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(outcome.matches()).extracting(RuleMatch::category).doesNotContain(FailureCategory.USER_CODE);
    }

    @Test
    void a_missing_table_in_a_notebook_cell_is_a_sql_analysis_failure() {
        RuleOutcome outcome = pack.classify(notebookRun(new Failure(null, null,
                fixture("papermill-analysis-exception.txt"), null, null)));

        assertThat(outcome.best()).get().extracting(RuleMatch::category).isEqualTo(FailureCategory.SQL_ANALYSIS);
    }

    @Test
    void a_python_error_in_a_notebook_cell_stays_user_code() {
        RuleOutcome outcome = pack.classify(notebookRun(new Failure(null, null,
                fixture("papermill-python-keyerror.txt"), null, null)));

        assertThat(outcome.best()).get().extracting(RuleMatch::category).isEqualTo(FailureCategory.USER_CODE);
    }
}
