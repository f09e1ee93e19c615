package dev.autoremediate.remediator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.support.RecordingHttpServer;
import dev.autoremediate.remediator.support.RecordingHttpServer.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Maestro adapter against a local HTTP server that checks the request as Maestro's step-instance action API
 * defines it: {@code POST /api/v3/workflows/{workflowId}/instances/{workflowInstanceId}/steps/{stepId}/actions/restart}
 * with a {@code StepInstanceRestartRequest} (snake case: {@code request_id}, {@code restart_policy},
 * {@code step_run_params} of typed param definitions).
 */
class MaestroSchedulerClientTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:16:00Z");
    private final ContractCodec codec = new ContractCodec();
    private final RecordingHttpServer maestro = RecordingHttpServer.start();

    @AfterEach
    void stop() {
        maestro.close();
    }

    private MaestroSchedulerClient client(HttpEndpoint endpoint) {
        return new MaestroSchedulerClient(endpoint, RunIdPattern.of(MaestroSchedulerClient.DEFAULT_RUN_ID_PATTERN),
                "spark_conf", "RESTART_FROM_INCOMPLETE", codec, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String body) {
        return codec.read(body, Map.class);
    }

    @Test
    void the_failed_step_is_restarted_with_the_new_configuration_in_step_run_params() {
        maestro.always(Answer.of(200, "{\"workflow_id\":\"etl.daily_sessions\",\"workflow_instance_id\":1234,"
                + "\"step_id\":\"compute\",\"response\":\"CREATED\"}"));
        var request = Requests.retry("maestro", "etl.daily_sessions", "etl.daily_sessions/1234/compute",
                Map.of("spark.executor.memory", "12g", "spark.executor.memoryOverhead", "2g"));

        DeliveryResult result = client(HttpEndpoint.of(maestro.baseUrl()).withBearerToken("maestro-token")).deliver(request);

        assertThat(result.delivered()).isTrue();
        var r = maestro.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/v3/workflows/etl.daily_sessions/instances/1234/steps/compute/actions/restart");
        assertThat(r.header("Authorization")).isEqualTo("Bearer maestro-token");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body = json(r.body());
        assertThat(body).containsOnlyKeys("request_time", "request_id", "restart_policy", "step_run_params");
        assertThat(body).containsEntry("request_id", Requests.COMMAND_ID)
                .containsEntry("restart_policy", "RESTART_FROM_INCOMPLETE")
                .containsEntry("request_time", NOW.toEpochMilli());
        @SuppressWarnings("unchecked")
        var params = (Map<String, Map<String, Object>>) body.get("step_run_params");
        assertThat(params.get("spark_conf")).containsEntry("type", "STRING_MAP")
                .containsEntry("value", Map.of("spark.executor.memory", "12g", "spark.executor.memoryOverhead", "2g"));
        assertThat(params.get("autoremediate_decision_id")).containsEntry("type", "STRING")
                .containsEntry("value", Requests.DECISION_ID);
        // Maestro requires each param definition to have a literal value or an expression, never both
        params.values().forEach(p -> assertThat(p).containsKey("value").doesNotContainKey("expression"));
    }

    @Test
    void workflow_ids_with_slashes_keep_the_last_two_segments_as_instance_and_step() {
        var request = Requests.retry("maestro", "team/etl", "team/etl/77/load step", Map.of());

        assertThat(client(HttpEndpoint.of(maestro.baseUrl())).deliver(request).delivered()).isTrue();

        assertThat(maestro.requests().get(0).path())
                .isEqualTo("/api/v3/workflows/team%2Fetl/instances/77/steps/load%20step/actions/restart");
    }

    @Test
    void a_step_that_is_not_in_a_terminal_state_answers_409_which_counts_as_already_restarted() {
        maestro.always(Answer.of(409, "{\"status\":\"CONFLICT\",\"message\":\"step is still running\"}"));

        DeliveryResult result = client(HttpEndpoint.of(maestro.baseUrl()))
                .deliver(Requests.retry("maestro", "w", "w/1/s", Map.of()));

        assertThat(result.delivered()).isTrue();
        assertThat(maestro.requests()).hasSize(1);
    }

    @Test
    void a_forbidden_restart_is_a_permanent_failure() {
        maestro.always(Answer.of(403, "{\"message\":\"caller is not an owner\"}"));

        DeliveryResult result = client(HttpEndpoint.of(maestro.baseUrl()).withBasicAuth("svc", "pw"))
                .deliver(Requests.retry("maestro", "w", "w/1/s", Map.of()));

        assertThat(result.state()).isEqualTo(DeliveryResult.State.PERMANENT_FAILURE);
        assertThat(result.detail()).contains("403");
        assertThat(maestro.requests().get(0).header("Authorization")).startsWith("Basic ");
    }

    @Test
    void a_run_id_without_an_instance_number_is_a_permanent_failure_without_a_call() {
        DeliveryResult result = client(HttpEndpoint.of(maestro.baseUrl()))
                .deliver(Requests.retry("maestro", "w", "w/latest/s", Map.of()));

        assertThat(result.state()).isEqualTo(DeliveryResult.State.PERMANENT_FAILURE);
        assertThat(maestro.requests()).isEmpty();
    }
}
