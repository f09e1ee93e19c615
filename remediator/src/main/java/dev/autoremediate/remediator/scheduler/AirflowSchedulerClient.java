package dev.autoremediate.remediator.scheduler;

import dev.autoremediate.ingest.codec.ContractCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Apache Airflow through its stable REST API (v1, Airflow 2.x).
 *
 * <ul>
 *   <li>{@link Mode#DAG_RUN} (default): {@code POST /api/v1/dags/{dag_id}/dagRuns} with
 *       {@code {"dag_run_id": "autoremediate__<commandId>", "conf": {"config_overrides": {...}, "autoremediate":
 *       {...}}, "note": "..."}} — a new DAG run whose {@code conf} carries the decision's configuration. The
 *       {@code dag_run_id} derives from the command id only, so a second delivery gets 409 Conflict ("DAG run
 *       already exists"), which counts as delivered.</li>
 *   <li>{@link Mode#CLEAR_TASK}: {@code POST /api/v1/dags/{dag_id}/clearTaskInstances} with
 *       {@code {"dry_run": false, "dag_run_id": ..., "task_ids": [task], "only_failed": true, "include_downstream":
 *       true, "reset_dag_runs": true}} — the failed task instance of the same DAG run runs again (clearing an
 *       already cleared, running task changes nothing: idempotent). The API cannot change a run's {@code conf}, so a
 *       command that carries config overrides, or an event without a task id, falls back to a new DAG run.</li>
 * </ul>
 * The DAG, DAG run and task are read from {@code job.runId} by a pattern with the groups {@code dagId},
 * {@code dagRunId} and (optional) {@code taskId}; the default is {@code <dag_id>/<dag_run_id>[/<task_id>]}. Airflow
 * ids cannot contain a slash. Authentication: basic (Airflow's {@code basic_auth} backend) or a bearer token.
 */
public final class AirflowSchedulerClient implements SchedulerClient {

    public static final String DEFAULT_RUN_ID_PATTERN = "(?<dagId>[^/]+)/(?<dagRunId>[^/]+)(/(?<taskId>[^/]+))?";
    public static final String RUN_ID_PREFIX = "autoremediate__";

    public enum Mode {
        DAG_RUN,
        CLEAR_TASK
    }

    private final HttpDelivery http;
    private final Mode mode;
    private final RunIdPattern runIds;
    private final ContractCodec codec;

    public AirflowSchedulerClient(HttpEndpoint endpoint, Mode mode, RunIdPattern runIds, ContractCodec codec) {
        this.http = new HttpDelivery(endpoint);
        this.mode = mode;
        this.runIds = runIds;
        this.codec = codec;
    }

    @Override
    public String name() {
        return "airflow";
    }

    @Override
    public boolean waitsForNotBefore() {
        return true;
    }

    @Override
    public DeliveryResult deliver(RetryRequest request) {
        var m = runIds.match(request.job().runId());
        if (m.isEmpty()) {
            return DeliveryResult.permanent("job.runId '" + request.job().runId() + "' does not match the Airflow "
                    + "run-id pattern " + runIds.pattern() + " (expected <dag_id>/<dag_run_id>[/<task_id>])");
        }
        Matcher ids = m.get();
        String dagId = RunIdPattern.group(ids, "dagId");
        String dagRunId = RunIdPattern.group(ids, "dagRunId");
        String taskId = RunIdPattern.group(ids, "taskId");
        var command = request.command();
        if (mode == Mode.CLEAR_TASK && command.configOverrides().isEmpty() && taskId != null) {
            var body = new LinkedHashMap<String, Object>();
            body.put("dry_run", false);
            body.put("dag_run_id", dagRunId);
            body.put("task_ids", List.of(taskId));
            body.put("only_failed", true);
            body.put("include_downstream", true);
            body.put("reset_dag_runs", true);
            return http.postJson("/api/v1/dags/" + HttpDelivery.segment(dagId) + "/clearTaskInstances",
                    codec.write(body), Map.of(), status -> DeliveryResult.delivered("HTTP 409 on clear"));
        }
        var autoremediate = new LinkedHashMap<String, Object>();
        autoremediate.put("commandId", command.commandId());
        autoremediate.put("decisionId", command.decisionId());
        autoremediate.put("jobId", command.jobId());
        autoremediate.put("retryOf", dagRunId);
        autoremediate.put("failedTask", taskId);
        autoremediate.put("nextAttempt", command.nextAttempt());
        var conf = new LinkedHashMap<String, Object>();
        conf.put("config_overrides", command.configOverrides());
        conf.put("autoremediate", autoremediate);
        var body = new LinkedHashMap<String, Object>();
        body.put("dag_run_id", RUN_ID_PREFIX + command.commandId());
        body.put("conf", conf);
        body.put("note", "autoremediate retry of " + dagRunId + " (decision " + command.decisionId() + ")");
        return http.postJson("/api/v1/dags/" + HttpDelivery.segment(dagId) + "/dagRuns", codec.write(body), Map.of(),
                status -> DeliveryResult.delivered("HTTP 409: DAG run " + RUN_ID_PREFIX + command.commandId()
                        + " already exists"));
    }
}
