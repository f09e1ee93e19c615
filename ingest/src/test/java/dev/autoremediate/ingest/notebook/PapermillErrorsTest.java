package dev.autoremediate.ingest.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PapermillErrorsTest {

    static String fixture(String name) {
        String path = "/fixtures/papermill/" + name;
        try (InputStream in = PapermillErrorsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_py4j_error_in_a_papermill_log_unwraps_to_the_spark_exception_and_names_the_cell() {
        PapermillError error = PapermillErrors.find(fixture("papermill-py4j-executor-heap-oom.log")).orElseThrow();

        assertThat(error.executionCount()).isEqualTo(5);
        assertThat(error.cellIndex()).isEqualTo(12); // "Executing Cell 13" counts from 1
        assertThat(error.ename()).isEqualTo("Py4JJavaError");
        assertThat(error.evalue()).isEqualTo("An error occurred while calling o112.saveAsTable.");
        assertThat(error.engineExceptionClass()).isEqualTo("org.apache.spark.SparkException");
        assertThat(error.engineMessage()).startsWith("Job aborted due to stage failure: Task 31 in stage 7.0")
                .endsWith("java.lang.OutOfMemoryError: Java heap space");
        assertThat(error.engineStackTrace()).startsWith("org.apache.spark.SparkException: Job aborted")
                .contains("Caused by: java.lang.OutOfMemoryError: Java heap space");
        assertThat(error.traceback()).doesNotContain("\u001B").doesNotContain("[0;31m")
                .startsWith("Py4JJavaError                             Traceback (most recent call last)");
        assertThat(error.describe()).isEqualTo(
                "notebook cell 12 (In [5]) failed with Py4JJavaError wrapping org.apache.spark.SparkException");
    }

    @Test
    void the_string_form_papermill_reports_unwraps_too() {
        PapermillError error = PapermillErrors.find(fixture("papermill-py4j-container-killed.txt")).orElseThrow();

        assertThat(error.executionCount()).isEqualTo(9);
        assertThat(error.cellIndex()).isNull();
        assertThat(error.engineExceptionClass()).isEqualTo("org.apache.spark.SparkException");
        assertThat(error.engineMessage()).contains("Container killed by YARN for exceeding physical memory limits");
        assertThat(error.cell()).isEqualTo("cell In [9]");
    }

    @Test
    void a_pyspark_captured_analysis_exception_is_the_engine_error_with_its_whole_message() {
        PapermillError error = PapermillErrors.find(fixture("papermill-analysis-exception.txt")).orElseThrow();

        assertThat(error.executionCount()).isEqualTo(3);
        assertThat(error.ename()).isEqualTo("AnalysisException");
        assertThat(error.engineExceptionClass()).isEqualTo("AnalysisException");
        assertThat(error.engineMessage()).startsWith("[TABLE_OR_VIEW_NOT_FOUND] The table or view")
                .contains("UnresolvedRelation");
        assertThat(error.engineStackTrace()).isNull();
    }

    @Test
    void a_plain_python_cell_error_stays_python() {
        PapermillError error = PapermillErrors.find(fixture("papermill-python-keyerror.txt")).orElseThrow();

        assertThat(error.ename()).isEqualTo("KeyError");
        assertThat(error.evalue()).isEqualTo("'P-20417'");
        assertThat(error.wrapsEngineError()).isFalse();
        Failure unwrapped = PapermillErrors.engineFailure(new Failure(1, null, fixture("papermill-python-keyerror.txt"),
                null, null));
        assertThat(unwrapped.exceptionClass()).isEqualTo("KeyError");
        assertThat(unwrapped.stackTrace()).contains("Traceback (most recent call last)").doesNotContain("\u001B");
    }

    @Test
    void the_engine_failure_replaces_the_notebook_text_and_keeps_the_log_before_it() {
        String log = "26/11/22 03:40:55 WARN YarnAllocator: Container from a bad node\n"
                + fixture("papermill-py4j-executor-heap-oom.log");
        Failure failure = new Failure(1, "papermill.exceptions.PapermillExecutionError", "notebook failed", null, log);

        Failure unwrapped = PapermillErrors.engineFailure(failure);

        assertThat(unwrapped.exitCode()).isEqualTo(1);
        assertThat(unwrapped.exceptionClass()).isEqualTo("org.apache.spark.SparkException");
        assertThat(unwrapped.message()).contains("java.lang.OutOfMemoryError: Java heap space");
        assertThat(unwrapped.logTail()).contains("Container from a bad node").doesNotContain("Traceback")
                .doesNotContain("Py4JJavaError");
    }

    @Test
    void a_failure_without_papermill_text_is_returned_as_it_is() {
        Failure plain = new Failure(137, "org.apache.spark.SparkException", "Container killed", "at x", "tail");
        assertThat(PapermillErrors.engineFailure(plain)).isSameAs(plain);
        assertThat(PapermillErrors.find((String) null)).isEmpty();
        assertThat(PapermillErrors.find("Exception encountered at the gate")).isEmpty();
    }

    @Test
    void ansi_codes_are_stripped_even_when_their_escape_character_was_lost() {
        assertThat(PapermillErrors.stripAnsi("\u001B[0;31mKeyError\u001B[0m: 'x' \u001B[38;5;241m=\u001B[39m"))
                .isEqualTo("KeyError: 'x' =");
        assertThat(PapermillErrors.stripAnsi("[0;31mKeyError[0m: 'x'")).isEqualTo("KeyError: 'x'");
        assertThat(PapermillErrors.stripAnsi("list[0] and [x]m")).isEqualTo("list[0] and [x]m");
    }

    @Test
    void an_explicit_cell_index_is_read() {
        String text = "PapermillExecutionError(cell_index=17, exec_count=None)\n" + fixture("papermill-python-keyerror.txt");
        PapermillError error = PapermillErrors.find(text).orElseThrow();
        assertThat(error.cellIndex()).isEqualTo(17);
        assertThat(error.cell()).isEqualTo("cell 17 (In [7])");
    }
}
