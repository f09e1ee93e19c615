package dev.autoremediate.ingest.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenLineageMapperTest {

    private final OpenLineageMapper mapper = new OpenLineageMapper(new ContractCodec());

    static String fixture(String name) {
        String path = "/fixtures/openlineage/" + name;
        try (InputStream in = OpenLineageMapperTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FailureEvent failed(String fixture) {
        OpenLineageMapping mapping = mapper.map(fixture(fixture));
        assertThat(mapping).isInstanceOf(OpenLineageMapping.Failed.class);
        return ((OpenLineageMapping.Failed) mapping).event();
    }

    private JobOutcome completed(String fixture) {
        OpenLineageMapping mapping = mapper.map(fixture(fixture));
        assertThat(mapping).isInstanceOf(OpenLineageMapping.Completed.class);
        return ((OpenLineageMapping.Completed) mapping).outcome();
    }

    @Test
    void a_spark_application_fail_event_becomes_a_failure_event_with_engine_config_and_the_java_exception() {
        FailureEvent event = failed("spark-application-fail.json");

        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.job().jobId()).isEqualTo("prod-emr/daily_sessions");
        assertThat(event.job().runId()).isEqualTo("0193500e-4c1a-7d2b-9a37-2f4e8b61c0aa");
        assertThat(event.job().attempt()).isEqualTo(1);
        assertThat(event.job().engine()).isEqualTo("spark");
        assertThat(event.job().engineVersion()).isEqualTo("3.5.1");
        assertThat(event.job().scheduler()).isNull();
        assertThat(event.job().config())
                .containsEntry("spark.executor.memory", "8g")
                .containsEntry("spark.executor.memoryOverhead", "1g")
                .containsEntry("spark.app.id", "application_1732240000000_0042");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T03:41:07.512Z"));
        assertThat(event.failure().exceptionClass()).isEqualTo("org.apache.spark.SparkException");
        assertThat(event.failure().message()).contains("Container killed by YARN for exceeding physical memory limits");
        assertThat(event.failure().stackTrace()).contains("DAGScheduler.failJobAndIndependentStages");
        assertThat(event.metrics()).isNull();
    }

    @Test
    void the_event_id_is_the_same_for_a_redelivered_event_and_differs_for_another_event_time() {
        String json = fixture("spark-application-fail.json");
        String first = ((OpenLineageMapping.Failed) mapper.map(json)).event().eventId();
        String again = ((OpenLineageMapping.Failed) mapper.map(json)).event().eventId();
        String later = ((OpenLineageMapping.Failed) mapper.map(
                json.replace("2026-11-22T03:41:07.512Z", "2026-11-22T03:41:08.000Z"))).event().eventId();

        assertThat(again).isEqualTo(first);
        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void a_failed_spark_action_counts_as_its_application_run_so_one_failure_gives_one_run_attempt() {
        FailureEvent action = failed("spark-sql-job-fail.json");
        FailureEvent application = failed("spark-application-fail.json");

        assertThat(action.job().jobId()).isEqualTo(application.job().jobId());
        assertThat(action.job().runId()).isEqualTo(application.job().runId());
        assertThat(action.job().attempt()).isEqualTo(application.job().attempt());
        assertThat(action.eventId()).isNotEqualTo(application.eventId());
    }

    @Test
    void an_airflow_fail_event_names_the_task_instance_as_run_and_its_try_number_as_attempt() {
        FailureEvent event = failed("airflow-task-fail.json");

        assertThat(event.job().jobId()).isEqualTo("airflow-prod/export_partner_feeds.upload_to_s3");
        assertThat(event.job().runId())
                .isEqualTo("export_partner_feeds/scheduled__2026-11-21T05:00:00+00:00/upload_to_s3");
        assertThat(event.job().attempt()).isEqualTo(2);
        assertThat(event.job().engine()).isEqualTo("airflow");
        assertThat(event.job().engineVersion()).isEqualTo("2.10.3");
        assertThat(event.job().scheduler()).isEqualTo("airflow");
        assertThat(event.job().owner()).isEqualTo("team-partners");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T05:02:19.884301Z"));
        assertThat(event.failure().exceptionClass()).isEqualTo("botocore.exceptions.ClientError");
        assertThat(event.failure().message()).contains("SlowDown");
    }

    @Test
    void a_complete_event_becomes_a_successful_outcome_of_the_same_run_identity() {
        JobOutcome airflow = completed("airflow-task-complete.json");
        assertThat(airflow.succeeded()).isTrue();
        assertThat(airflow.jobId()).isEqualTo("airflow-prod/export_partner_feeds.upload_to_s3");
        assertThat(airflow.runId()).isEqualTo(failed("airflow-task-fail.json").job().runId());
        assertThat(airflow.attempt()).isEqualTo(3);
        assertThat(airflow.finishedAt()).isEqualTo(Instant.parse("2026-11-22T05:09:51.120774Z"));
        assertThat(airflow.failureEventId()).isNull();

        JobOutcome spark = completed("spark-application-complete.json");
        assertThat(spark.jobId()).isEqualTo("prod-emr/daily_sessions");
        assertThat(spark.runId()).isEqualTo("01935528-0f3e-7a41-8c2d-5be1f2a9d301");
        assertThat(spark.config()).containsEntry("spark.executor.memoryOverhead", "2g")
                .containsEntry("spark.app.id", "application_1732240000000_0107");
    }

    @Test
    void the_complete_event_of_one_spark_action_is_not_the_outcome_of_its_application() {
        String actionComplete = fixture("spark-sql-job-fail.json").replace("\"eventType\": \"FAIL\"",
                "\"eventType\": \"COMPLETE\"");
        assertThat(mapper.map(actionComplete)).isInstanceOf(OpenLineageMapping.Ignored.class);
    }

    @Test
    void start_running_abort_other_and_static_events_are_ignored() {
        assertThat(mapper.map(fixture("spark-application-start.json")))
                .isEqualTo(new OpenLineageMapping.Ignored("START", "only FAIL and COMPLETE events are acted on"));
        assertThat(mapper.map(fixture("airflow-task-running.json"))).isInstanceOf(OpenLineageMapping.Ignored.class);
        for (String type : new String[] {"ABORT", "OTHER"}) {
            assertThat(mapper.map(fixture("spark-application-start.json").replace("\"START\"", "\"" + type + "\"")))
                    .isInstanceOf(OpenLineageMapping.Ignored.class);
        }
        assertThat(mapper.map(fixture("dataset-event.json"))).isInstanceOf(OpenLineageMapping.Ignored.class);
        // the DAG run failed because its task did: only the task's FAIL is decided, or the retry would go out twice
        assertThat(mapper.map(fixture("airflow-dag-fail.json"))).isInstanceOf(OpenLineageMapping.Ignored.class);
        assertThat(mapper.map(fixture("spark-application-start.json").replace("\"eventType\": \"START\",", "")))
                .isInstanceOf(OpenLineageMapping.Ignored.class);
    }

    @Test
    void scheduler_supplied_spark_properties_name_the_logical_run_and_the_attempt() {
        String json = fixture("spark-application-fail.json").replace("\"spark.master\": \"yarn\",",
                "\"spark.master\": \"yarn\", \"spark.autoremediate.runId\": \"daily_sessions/2026-11-21\","
                        + " \"spark.autoremediate.attempt\": \"3\",");
        FailureEvent event = ((OpenLineageMapping.Failed) mapper.map(json)).event();

        assertThat(event.job().runId()).isEqualTo("daily_sessions/2026-11-21");
        assertThat(event.job().attempt()).isEqualTo(3);
    }

    @Test
    void a_fail_event_without_an_error_message_facet_is_still_a_failure_that_says_so() {
        String json = fixture("spark-application-start.json").replace("\"START\"", "\"FAIL\"");
        FailureEvent event = ((OpenLineageMapping.Failed) mapper.map(json)).event();

        assertThat(event.failure().message()).contains("without an errorMessage run facet");
        assertThat(event.failure().exceptionClass()).isNull();
    }

    @Test
    void events_that_cannot_be_mapped_are_rejected_with_the_field_and_the_reason() {
        assertThatThrownBy(() -> mapper.map("{\"eventType\": \"FAIL\", \"run\": "))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> mapper.map("[1, 2]"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> mapper.map("{\"hello\": \"world\"}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("OpenLineage run: is required");
        String fail = fixture("spark-application-fail.json");
        assertThatThrownBy(() -> mapper.map(fail.replace("\"runId\": \"0193500e-4c1a-7d2b-9a37-2f4e8b61c0aa\"",
                "\"runId\": \"\"")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("OpenLineage run.runId");
        assertThatThrownBy(() -> mapper.map(fail.replace("\"namespace\": \"prod-emr\",", "")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("OpenLineage job.namespace");
        assertThatThrownBy(() -> mapper.map(fail.replace("2026-11-22T03:41:07.512Z", "yesterday")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("OpenLineage eventTime");
        assertThatThrownBy(() -> mapper.map(fail.replace("\"FAIL\"", "\"EXPLODED\"")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("OpenLineage eventType")
                .hasMessageContaining("EXPLODED");
        assertThatThrownBy(() -> mapper.map(fail.replace("\"spark.master\": \"yarn\",",
                "\"spark.master\": \"yarn\", \"spark.autoremediate.attempt\": \"second\",")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("spark.autoremediate.attempt");
    }

    @Test
    void a_huge_stack_trace_is_truncated_like_any_failure_event_never_rejected() {
        String huge = "\\tat a.B.c(B.java:1)\\n".repeat(20_000);
        String json = fixture("spark-application-fail.json").replace("(EventLoop.scala:49)\\n", "(EventLoop.scala:49)\\n" + huge);
        FailureEvent event = ((OpenLineageMapping.Failed) mapper.map(json)).event();

        assertThat(event.failure().stackTrace().length()).isLessThan(70 * 1024);
        assertThat(event.failure().exceptionClass()).isEqualTo("org.apache.spark.SparkException");
    }

    @Test
    void the_exception_class_is_read_from_the_first_line_of_a_java_trace_and_the_last_of_a_python_one() {
        assertThat(StackTraces.exceptionClass("java.lang.OutOfMemoryError: Java heap space\n\tat x.Y.z(Y.java:1)", "JAVA"))
                .contains("java.lang.OutOfMemoryError");
        assertThat(StackTraces.exceptionClass("Exception in thread \"main\" org.apache.spark.sql.AnalysisException: "
                + "[TABLE_OR_VIEW_NOT_FOUND]", null)).contains("org.apache.spark.sql.AnalysisException");
        assertThat(StackTraces.exceptionClass("Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad",
                null)).contains("ValueError");
        assertThat(StackTraces.exceptionClass("Traceback (most recent call last):\n  File \"x.py\", line 1\n"
                + "papermill.exceptions.PapermillExecutionError: \n---\nException encountered at \"In [9]\":\n"
                + "Py4JJavaError   Traceback (most recent call last)\nPy4JJavaError: An error occurred", "python"))
                .contains("papermill.exceptions.PapermillExecutionError");
        assertThat(StackTraces.exceptionClass("Job aborted due to stage failure: boom", "JAVA")).isEmpty();
        assertThat(StackTraces.exceptionClass(null, "JAVA")).isEmpty();
    }
}
