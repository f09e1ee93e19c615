package dev.autoremediate.ingest.openlineage;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.codec.Violation;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Maps OpenLineage run events (spec 2-0-x, as Spark's {@code OpenLineageSparkListener} and Airflow's OpenLineage
 * provider emit them) onto contract v1.
 *
 * <ul>
 *   <li><b>FAIL</b> becomes a {@link FailureEvent}: {@code jobId} = {@code job.namespace + "/" + job.name},
 *       {@code runId} = {@code run.runId}; the {@code errorMessage} run facet gives message and stack trace (the
 *       exception class is parsed from the trace); {@code processing_engine} gives engine and version;
 *       {@code spark_properties.properties} become the job's config, and {@code spark_applicationDetails.applicationId}
 *       its {@code spark.app.id}. {@code eventId} is a name-based UUID of the event's own run id and event time, so a
 *       redelivered event dedupes.</li>
 *   <li><b>COMPLETE</b> becomes a successful {@link JobOutcome} of the same job, run and attempt.</li>
 *   <li>START, RUNNING, ABORT, OTHER, a run event without {@code eventType}, static dataset/job events, and the
 *       events of an Airflow DAG run (job type {@code DAG}: its tasks' events are the ones acted on) are
 *       {@link OpenLineageMapping.Ignored}.</li>
 * </ul>
 *
 * <p>Run identity: a run event of one Spark action inside an application (job type {@code SQL_JOB}/{@code JOB}/
 * {@code RDD_JOB}, or a job named {@code <parent name>.<action>} in the parent's namespace) is counted as the
 * application run named by its {@code parent} facet, so the several FAIL events of one failed application give one
 * decision. An {@code airflow} run facet makes the run the task instance ({@code dag_id/run_id/task_id}, plus
 * {@code map_index} when mapped) and its {@code try_number} the attempt, so the retry budget spans the tries of one
 * task instance. Spark properties {@value #RUN_ID_PROPERTY} and {@value #ATTEMPT_PROPERTY}, when captured, override
 * both (a scheduler that retries Spark applications itself sets them). Otherwise the attempt is 1.
 *
 * <p>What cannot be mapped (not JSON, not an object, no run id, job name or parseable event time, an unknown event
 * type) throws {@link InvalidEventException} naming the field. Thread-safe.
 */
public final class OpenLineageMapper {

    /** Spark property a scheduler may set (and the listener capture) to name the logical run across attempts. */
    public static final String RUN_ID_PROPERTY = "spark.autoremediate.runId";
    /** Spark property a scheduler may set (and the listener capture) to give the attempt number, 1 = first try. */
    public static final String ATTEMPT_PROPERTY = "spark.autoremediate.attempt";
    /** The config key that carries the Spark application id (as Spark itself names it). */
    public static final String APP_ID_KEY = "spark.app.id";

    private static final Set<String> SPARK_ACTION_JOB_TYPES = Set.of("JOB", "SQL_JOB", "RDD_JOB");
    private static final int MAX_ID_CHARS = 512;

    private final ContractCodec codec;

    public OpenLineageMapper(ContractCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    public OpenLineageMapping map(String json) {
        return map(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** Maps one record's value (UTF-8 JSON). */
    public OpenLineageMapping map(byte[] json) {
        JsonNode root = codec.readTree(json);
        if (root == null || !root.isObject()) {
            throw invalid("$", "an OpenLineage event must be a JSON object");
        }
        JsonNode run = root.path("run");
        if (!run.isObject()) {
            if (run.isMissingNode() && (root.has("dataset") || root.path("job").isObject())) {
                return new OpenLineageMapping.Ignored(root.has("dataset") ? "DatasetEvent" : "JobEvent",
                        "a static lineage event describes no run");
            }
            throw invalid("run", "is required and must be an object (this is not an OpenLineage run event)");
        }
        String type = text(root.get("eventType"));
        if (type == null) {
            return new OpenLineageMapping.Ignored("(none)", "a run event without eventType reports no state change");
        }
        JsonNode jobType = root.path("job").path("facets").path("jobType");
        if ("AIRFLOW".equalsIgnoreCase(text(jobType.get("integration")))
                && "DAG".equalsIgnoreCase(text(jobType.get("jobType")))) {
            return new OpenLineageMapping.Ignored(type, "an Airflow DAG run's state follows its tasks; the task runs' "
                    + "events are acted on (a DAG retry besides the task's would act twice)");
        }
        return switch (type.strip().toUpperCase(Locale.ROOT)) {
            case "FAIL" -> failed(root, RunRef.of(root));
            case "COMPLETE" -> completed(root, RunRef.of(root));
            case "START", "RUNNING", "ABORT", "OTHER" -> new OpenLineageMapping.Ignored(type,
                    "only FAIL and COMPLETE events are acted on");
            default -> throw invalid("eventType", "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, was '"
                    + abbreviate(type, 40) + "'");
        };
    }

    private OpenLineageMapping failed(JsonNode root, RunRef ref) {
        JsonNode facets = ref.facets();
        JsonNode error = facets.path("errorMessage");
        String reported = text(error.get("message"));
        String message = reported;
        String stackTrace = text(error.get("stackTrace"));
        String language = text(error.get("programmingLanguage"));
        String exceptionClass = StackTraces.exceptionClass(stackTrace, language)
                .or(() -> StackTraces.exceptionClass(reported, language))
                .orElse(null);
        if (blank(message) && blank(stackTrace)) {
            message = "OpenLineage FAIL event without an errorMessage run facet (producer "
                    + Objects.requireNonNullElse(text(root.get("producer")), "unknown") + ")";
        }
        JsonNode engineFacet = facets.path("processing_engine");
        String engine = text(engineFacet.get("name"));
        if (blank(engine)) {
            engine = text(root.path("job").path("facets").path("jobType").get("integration"));
        }
        if (blank(engine)) {
            engine = ref.airflow() ? "airflow" : "unknown";
        }
        String scheduler = ref.airflow() || contains(text(root.get("producer")), "airflow") ? "airflow" : null;
        Job job = new Job(ref.jobId(), ref.runId(), ref.attempt(), engine.strip().toLowerCase(Locale.ROOT),
                text(engineFacet.get("version")), owner(root, facets), scheduler, null, ref.config());
        String eventId = UUID.nameUUIDFromBytes(("openlineage:" + ref.eventRunId() + "@" + ref.eventTime())
                .getBytes(StandardCharsets.UTF_8)).toString();
        var event = new FailureEvent(FailureEvent.SCHEMA_VERSION, eventId, ref.eventTime(), job,
                new Failure(null, exceptionClass, message, stackTrace, null), null);
        return new OpenLineageMapping.Failed(codec.checkFailureEvent(event));
    }

    private OpenLineageMapping completed(JsonNode root, RunRef ref) {
        if (ref.sparkAction()) {
            return new OpenLineageMapping.Ignored("COMPLETE",
                    "one Spark action of application run " + ref.runId() + " completed; the application's own COMPLETE"
                            + " event is the run's outcome");
        }
        return new OpenLineageMapping.Completed(codec.checkJobOutcome(new JobOutcome(1, ref.jobId(), ref.runId(),
                ref.attempt(), ref.eventTime(), true, ref.config(), null, null)));
    }

    private static String owner(JsonNode root, JsonNode facets) {
        JsonNode airflow = facets.path("airflow");
        String owner = text(airflow.path("dag").get("owner"));
        if (blank(owner)) {
            owner = text(airflow.path("task").get("owner"));
        }
        if (blank(owner)) {
            JsonNode owners = root.path("job").path("facets").path("ownership").path("owners");
            if (owners.isArray() && !owners.isEmpty()) {
                owner = text(owners.get(0).get("name"));
            }
        }
        return blank(owner) ? null : abbreviate(owner, 256);
    }

    /** Who ran: job, run, attempt and config, resolved from the event and its facets. */
    private record RunRef(String jobId, String runId, int attempt, String eventRunId, Instant eventTime,
            Map<String, String> config, JsonNode facets, boolean airflow, boolean sparkAction) {

        static RunRef of(JsonNode root) {
            JsonNode run = root.path("run");
            JsonNode facets = run.path("facets");
            String eventRunId = requiredId(run.get("runId"), "run.runId");
            JsonNode jobNode = root.path("job");
            String namespace = requiredId(jobNode.get("namespace"), "job.namespace");
            String name = requiredId(jobNode.get("name"), "job.name");
            Instant eventTime = parseEventTime(root.get("eventTime"));
            Map<String, String> config = config(facets);

            String jobId = namespace + "/" + name;
            String runId = eventRunId;
            boolean sparkAction = false;
            JsonNode parent = facets.path("parent");
            String parentNamespace = text(parent.path("job").get("namespace"));
            String parentName = text(parent.path("job").get("name"));
            String parentRunId = text(parent.path("run").get("runId"));
            if (!blank(parentNamespace) && !blank(parentName) && !blank(parentRunId)
                    && isSparkAction(root, namespace, name, parentNamespace, parentName)) {
                jobId = parentNamespace + "/" + parentName;
                runId = parentRunId;
                sparkAction = true;
            }

            int attempt = 1;
            JsonNode airflowFacet = facets.path("airflow");
            boolean airflow = airflowFacet.isObject();
            if (airflow) {
                JsonNode ti = airflowFacet.path("taskInstance");
                String dagId = text(airflowFacet.path("dag").get("dag_id"));
                String dagRunId = text(airflowFacet.path("dagRun").get("run_id"));
                String taskId = text(airflowFacet.path("task").get("task_id"));
                if (!blank(dagId) && !blank(dagRunId) && !blank(taskId)) {
                    int mapIndex = integer(ti.get("map_index"), -1);
                    runId = dagId + "/" + dagRunId + "/" + taskId + (mapIndex >= 0 ? "/" + mapIndex : "");
                }
                attempt = Math.max(1, integer(ti.get("try_number"), 1));
            }
            if (!blank(config.get(RUN_ID_PROPERTY))) {
                runId = config.get(RUN_ID_PROPERTY).strip();
            }
            if (config.containsKey(ATTEMPT_PROPERTY)) {
                try {
                    attempt = Math.max(1, Integer.parseInt(config.get(ATTEMPT_PROPERTY).strip()));
                } catch (NumberFormatException e) {
                    throw invalid("run.facets.spark_properties.properties." + ATTEMPT_PROPERTY,
                            "must be a whole number, was '" + abbreviate(config.get(ATTEMPT_PROPERTY), 40) + "'");
                }
            }
            checkId("jobId (job.namespace/job.name)", jobId);
            checkId("runId", runId);
            return new RunRef(jobId, runId, attempt, eventRunId, eventTime, config, facets, airflow, sparkAction);
        }

        /** A run event of one action inside a Spark application, reported with the application as its parent. */
        private static boolean isSparkAction(JsonNode root, String namespace, String name, String parentNamespace,
                String parentName) {
            JsonNode jobType = root.path("job").path("facets").path("jobType");
            String integration = text(jobType.get("integration"));
            String type = text(jobType.get("jobType"));
            if (integration != null || type != null) {
                return "SPARK".equalsIgnoreCase(integration) && type != null
                        && SPARK_ACTION_JOB_TYPES.contains(type.toUpperCase(Locale.ROOT));
            }
            // older Spark integrations send no job type: an action is named <application>.<action>
            boolean spark = "spark".equalsIgnoreCase(text(root.path("run").path("facets").path("processing_engine")
                    .get("name"))) || contains(text(root.get("producer")), "/integration/spark");
            return spark && namespace.equals(parentNamespace) && name.startsWith(parentName + ".");
        }

        private static Map<String, String> config(JsonNode facets) {
            var config = new TreeMap<String, String>();
            JsonNode properties = facets.path("spark_properties").path("properties");
            if (properties.isObject()) {
                for (Map.Entry<String, JsonNode> e : properties.properties()) {
                    String value = text(e.getValue());
                    if (value != null) {
                        config.put(e.getKey(), value);
                    }
                }
            }
            String appId = text(facets.path("spark_applicationDetails").get("applicationId"));
            if (!blank(appId) && blank(config.get(APP_ID_KEY))) {
                config.put(APP_ID_KEY, appId);
            }
            return config;
        }
    }

    private static Instant parseEventTime(JsonNode node) {
        String value = text(node);
        if (blank(value)) {
            throw invalid("eventTime", "is required (an ISO-8601 date-time with offset, e.g. 2026-11-22T10:15:30.123Z)");
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("eventTime", "is not an ISO-8601 date-time with offset: '" + abbreviate(value, 60) + "'");
        }
    }

    private static String requiredId(JsonNode node, String field) {
        String value = text(node);
        if (blank(value)) {
            throw invalid(field, "is required and must not be blank");
        }
        return value.strip();
    }

    private static void checkId(String field, String value) {
        if (value.length() > MAX_ID_CHARS) {
            throw invalid(field, "must be at most " + MAX_ID_CHARS + " characters, was " + value.length());
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "must not contain control characters");
        }
    }

    private static int integer(JsonNode node, int otherwise) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return otherwise;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.asInt();
        }
        if (node.isString()) {
            try {
                return Integer.parseInt(node.stringValue().strip());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /** The text of a scalar node; null for absent, null, object or array nodes. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.asString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean contains(String s, String part) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(part);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static InvalidEventException invalid(String field, String message) {
        return new InvalidEventException(List.of(new Violation("OpenLineage " + field, message)));
    }
}
