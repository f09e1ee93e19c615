package dev.autoremediate.remediator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.support.RecordingHttpServer;
import dev.autoremediate.remediator.support.RecordingHttpServer.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Airflow adapter against a local HTTP server that checks the requests as Airflow's stable REST API (v1)
 * documents them: {@code POST /api/v1/dags/{dag_id}/dagRuns} with {@code dag_run_id} and {@code conf}, and
 * {@code POST /api/v1/dags/{dag_id}/clearTaskInstances} with {@code dry_run: false}.
 */
class AirflowSchedulerClientTest {

    private final ContractCodec codec = new ContractCodec();
    private final RecordingHttpServer airflow = RecordingHttpServer.start();

    @AfterEach
    void stop() {
        airflow.close();
    }

    private AirflowSchedulerClient client(AirflowSchedulerClient.Mode mode, HttpEndpoint endpoint) {
        return new AirflowSchedulerClient(endpoint, mode, RunIdPattern.of(AirflowSchedulerClient.DEFAULT_RUN_ID_PATTERN),
                codec);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String body) {
        return codec.read(body, Map.class);
    }

    @Test
    void a_retry_with_config_changes_triggers_a_new_dag_run_whose_conf_carries_them_with_basic_auth() {
        airflow.always(Answer.of(200, "{\"dag_id\":\"daily_sessions\",\"state\":\"queued\"}"));
        var endpoint = HttpEndpoint.of(airflow.baseUrl()).withBasicAuth("autoremediate", "s3cret");
        var request = Requests.retry("airflow", "daily_sessions/aggregate",
                "daily_sessions/scheduled__2026-11-22T00:00:00+00:00/aggregate", Map.of("spark.driver.memory", "6g"));

        DeliveryResult result = client(AirflowSchedulerClient.Mode.DAG_RUN, endpoint).deliver(request);

        assertThat(result.state()).isEqualTo(DeliveryResult.State.DELIVERED);
        assertThat(airflow.requests()).hasSize(1);
        var r = airflow.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/v1/dags/daily_sessions/dagRuns");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("autoremediate:s3cret".getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> body = json(r.body());
        assertThat(body).containsOnlyKeys("dag_run_id", "conf", "note");
        assertThat(body.get("dag_run_id")).isEqualTo("autoremediate__" + Requests.COMMAND_ID);
        @SuppressWarnings("unchecked")
        var conf = (Map<String, Object>) body.get("conf");
        assertThat(conf.get("config_overrides")).isEqualTo(Map.of("spark.driver.memory", "6g"));
        @SuppressWarnings("unchecked")
        var meta = (Map<String, Object>) conf.get("autoremediate");
        assertThat(meta).containsEntry("commandId", Requests.COMMAND_ID).containsEntry("decisionId", Requests.DECISION_ID)
                .containsEntry("retryOf", "scheduled__2026-11-22T00:00:00+00:00").containsEntry("failedTask", "aggregate");
    }

    @Test
    void a_second_delivery_of_the_same_command_gets_409_and_counts_as_delivered() {
        airflow.then(Answer.of(200, "{}"), Answer.of(409, "{\"title\":\"DAGRun with DAG ID and DAGRun ID exists\"}"));
        var client = client(AirflowSchedulerClient.Mode.DAG_RUN, HttpEndpoint.of(airflow.baseUrl()).withBearerToken("t"));
        var request = Requests.retry("airflow", "d", "d/run-1/t", Map.of("spark.executor.memory", "12g"));

        assertThat(client.deliver(request).delivered()).isTrue();
        DeliveryResult again = client.deliver(request);

        assertThat(again.delivered()).isTrue();
        assertThat(again.detail()).contains("already exists");
        assertThat(airflow.requests()).extracting(r -> json(r.body()).get("dag_run_id"))
                .containsExactly("autoremediate__" + Requests.COMMAND_ID, "autoremediate__" + Requests.COMMAND_ID);
    }

    @Test
    void clear_task_mode_clears_the_failed_task_instance_of_the_same_run_with_a_bearer_token() {
        var client = client(AirflowSchedulerClient.Mode.CLEAR_TASK, HttpEndpoint.of(airflow.baseUrl()).withBearerToken("tok"));
        var request = Requests.retry("airflow", "daily_sessions/aggregate", "daily_sessions/manual__1/aggregate", Map.of());

        assertThat(client.deliver(request).delivered()).isTrue();

        var r = airflow.requests().get(0);
        assertThat(r.path()).isEqualTo("/api/v1/dags/daily_sessions/clearTaskInstances");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tok");
        Map<String, Object> body = json(r.body());
        assertThat(body).containsEntry("dry_run", false).containsEntry("dag_run_id", "manual__1")
                .containsEntry("task_ids", List.of("aggregate")).containsEntry("only_failed", true)
                .containsEntry("include_downstream", true).containsEntry("reset_dag_runs", true);
    }

    @Test
    void clear_task_mode_starts_a_new_dag_run_when_the_retry_changes_configuration() {
        var client = client(AirflowSchedulerClient.Mode.CLEAR_TASK, HttpEndpoint.of(airflow.baseUrl()));
        var request = Requests.retry("airflow", "d/t", "d/manual__1/t", Map.of("spark.driver.memory", "6g"));

        assertThat(client.deliver(request).delivered()).isTrue();

        assertThat(airflow.requests().get(0).path()).isEqualTo("/api/v1/dags/d/dagRuns");
    }

    @Test
    void server_errors_are_retried_in_the_call_then_reported_as_retryable() {
        airflow.always(Answer.of(503, "{\"title\":\"Service Unavailable\"}"));
        var client = client(AirflowSchedulerClient.Mode.DAG_RUN,
                HttpEndpoint.of(airflow.baseUrl()).withRetries(2, Duration.ofMillis(10)));

        DeliveryResult result = client.deliver(Requests.retry("airflow", "d", "d/r/t", Map.of()));

        assertThat(result.state()).isEqualTo(DeliveryResult.State.RETRYABLE_FAILURE);
        assertThat(result.detail()).contains("HTTP 503");
        assertThat(airflow.requests()).hasSize(3);
    }

    @Test
    void a_transient_error_followed_by_success_is_delivered_within_the_call() {
        airflow.then(Answer.of(502, ""), Answer.of(200, "{}"));
        var client = client(AirflowSchedulerClient.Mode.DAG_RUN,
                HttpEndpoint.of(airflow.baseUrl()).withRetries(2, Duration.ofMillis(10)));

        assertThat(client.deliver(Requests.retry("airflow", "d", "d/r/t", Map.of())).delivered()).isTrue();
        assertThat(airflow.requests()).hasSize(2);
    }

    @Test
    void bad_credentials_and_unknown_dags_are_permanent_failures_and_not_retried() {
        airflow.then(Answer.of(401, "{\"title\":\"Unauthorized\"}"), Answer.of(404, "{\"title\":\"DAG not found\"}"));
        var client = client(AirflowSchedulerClient.Mode.DAG_RUN, HttpEndpoint.of(airflow.baseUrl()));

        assertThat(client.deliver(Requests.retry("airflow", "d", "d/r/t", Map.of())).state())
                .isEqualTo(DeliveryResult.State.PERMANENT_FAILURE);
        DeliveryResult notFound = client.deliver(Requests.retry("airflow", "d", "d/r/t", Map.of()));
        assertThat(notFound.state()).isEqualTo(DeliveryResult.State.PERMANENT_FAILURE);
        assertThat(notFound.detail()).contains("404").contains("DAG not found");
        assertThat(airflow.requests()).hasSize(2);
    }

    @Test
    void a_run_id_that_names_no_dag_is_a_permanent_failure_without_a_call() {
        var client = client(AirflowSchedulerClient.Mode.DAG_RUN, HttpEndpoint.of(airflow.baseUrl()));

        DeliveryResult result = client.deliver(Requests.retry("airflow", "d", "no-slash-here", Map.of()));

        assertThat(result.state()).isEqualTo(DeliveryResult.State.PERMANENT_FAILURE);
        assertThat(result.detail()).contains("no-slash-here");
        assertThat(airflow.requests()).isEmpty();
    }

    @Test
    void an_answer_slower_than_the_request_timeout_is_a_retryable_failure() {
        airflow.always(new Answer(200, "{}", Duration.ofSeconds(3)));
        var client = client(AirflowSchedulerClient.Mode.DAG_RUN, HttpEndpoint.of(airflow.baseUrl())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).withRetries(0, Duration.ofMillis(10)));

        long start = System.nanoTime();
        DeliveryResult result = client.deliver(Requests.retry("airflow", "d", "d/r/t", Map.of()));

        assertThat(result.state()).isEqualTo(DeliveryResult.State.RETRYABLE_FAILURE);
        assertThat(result.detail()).containsIgnoringCase("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
