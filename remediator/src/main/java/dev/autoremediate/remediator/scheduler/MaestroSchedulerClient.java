package dev.autoremediate.remediator.scheduler;

import dev.autoremediate.ingest.codec.ContractCodec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Netflix Maestro: restarts the failed step with the decision's configuration as step run parameters.
 *
 * <p>{@code POST /api/v3/workflows/{workflowId}/instances/{workflowInstanceId}/steps/{stepId}/actions/restart}
 * (Maestro's {@code StepInstanceActionController}) with a {@code StepInstanceRestartRequest} body:
 * <pre>{@code
 * {"request_time": 1763806530000, "request_id": "<commandId>", "restart_policy": "RESTART_FROM_INCOMPLETE",
 *  "step_run_params": {
 *     "spark_conf": {"type": "STRING_MAP", "value": {"spark.executor.memory": "12g"}},
 *     "autoremediate_decision_id": {"type": "STRING", "value": "<decisionId>"}}}
 * }</pre>
 * {@code request_id} is Maestro's deduplication key; it is the command id (a UUID), so a second delivery restarts
 * nothing new. The param that carries the configuration is named by configuration ({@code spark_conf} by default):
 * the step's job template reads it. The workflow, instance and step come from {@code job.runId} through a pattern
 * with the groups {@code workflowId}, {@code instanceId} and {@code stepId}; the default is
 * {@code <workflowId>/<workflowInstanceId>/<stepId>}.
 */
public final class MaestroSchedulerClient implements SchedulerClient {

    public static final String DEFAULT_RUN_ID_PATTERN = "(?<workflowId>.+)/(?<instanceId>\\d+)/(?<stepId>[^/]+)";

    private final HttpDelivery http;
    private final RunIdPattern runIds;
    private final String configParam;
    private final String restartPolicy;
    private final ContractCodec codec;
    private final Clock clock;

    public MaestroSchedulerClient(HttpEndpoint endpoint, RunIdPattern runIds, String configParam, String restartPolicy,
            ContractCodec codec, Clock clock) {
        this.http = new HttpDelivery(endpoint);
        this.runIds = runIds;
        this.configParam = configParam;
        this.restartPolicy = restartPolicy;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "maestro";
    }

    @Override
    public boolean waitsForNotBefore() {
        return true;
    }

    @Override
    public DeliveryResult deliver(RetryRequest request) {
        var m = runIds.match(request.job().runId());
        if (m.isEmpty()) {
            return DeliveryResult.permanent("job.runId '" + request.job().runId() + "' does not match the Maestro "
                    + "run-id pattern " + runIds.pattern() + " (expected <workflowId>/<workflowInstanceId>/<stepId>)");
        }
        Matcher ids = m.get();
        String workflowId = RunIdPattern.group(ids, "workflowId");
        String instanceId = RunIdPattern.group(ids, "instanceId");
        String stepId = RunIdPattern.group(ids, "stepId");
        var command = request.command();

        var params = new LinkedHashMap<String, Object>();
        params.put(configParam, Map.of("type", "STRING_MAP", "value", command.configOverrides()));
        params.put("autoremediate_decision_id", Map.of("type", "STRING", "value", command.decisionId()));
        params.put("autoremediate_command_id", Map.of("type", "STRING", "value", command.commandId()));
        var body = new LinkedHashMap<String, Object>();
        body.put("request_time", clock.millis());
        body.put("request_id", command.commandId());
        body.put("restart_policy", restartPolicy);
        body.put("step_run_params", params);
        String path = "/api/v3/workflows/" + HttpDelivery.segment(workflowId) + "/instances/"
                + HttpDelivery.segment(instanceId) + "/steps/" + HttpDelivery.segment(stepId) + "/actions/restart";
        return http.postJson(path, codec.write(body), Map.of(),
                status -> DeliveryResult.delivered("HTTP 409: Maestro already restarted step " + stepId
                        + " for request " + command.commandId()));
    }
}
