package dev.autoremediate.remediator.sandbox;

import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.sandbox.SparkRun;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns sandbox runs into contract v1 messages, as a job platform would report them: a failed run becomes a
 * {@link FailureEvent} carrying Spark's own exception class, message, stack trace, log tail and exit code; a finished
 * run a {@link JobOutcome}.
 */
public final class SandboxEvents {

    /** The scheduler name sandbox events carry ({@code job.scheduler}). */
    public static final String SCHEDULER = "sandbox";
    public static final String SPARK_VERSION = "3.5.7";

    private SandboxEvents() {
    }

    /** The failure event of a failed run. */
    public static FailureEvent failure(SparkRun run, String runId, int attempt, Instant at) {
        if (run.succeeded()) {
            throw new IllegalArgumentException(run.job() + " succeeded: there is no failure to report");
        }
        var job = new Job(run.job().jobId(), runId, attempt, "spark", SPARK_VERSION, "team-sandbox", SCHEDULER, 3,
                run.config());
        var failure = new Failure(run.exitCode(), run.exceptionClass(), run.message(), run.stackTrace(), run.logTail());
        return new FailureEvent(FailureEvent.SCHEMA_VERSION, eventId(runId, attempt), at, job, failure,
                metrics(run));
    }

    /** The outcome of any finished run. */
    public static JobOutcome outcome(SparkRun run, String runId, int attempt, Instant at, String failureEventId) {
        return new JobOutcome(1, run.job().jobId(), runId, attempt, at, run.succeeded(), run.config(), metrics(run),
                run.succeeded() ? null : failureEventId);
    }

    /** A stable event id per run attempt: a re-reported failure dedupes on it. */
    public static String eventId(String runId, int attempt) {
        return "sandbox:" + runId + "#" + attempt;
    }

    /** The configuration of the next attempt: this one's with the decision's changes applied. */
    public static Map<String, String> withChanges(Map<String, String> config, Decision decision) {
        var next = new TreeMap<>(config);
        decision.action().configChanges().forEach((key, change) -> next.put(key, change.to()));
        return next;
    }

    /** The configuration of the next attempt: this one's with a retry command's overrides applied. */
    public static Map<String, String> withOverrides(Map<String, String> config, Map<String, String> overrides) {
        var next = new TreeMap<>(config);
        next.putAll(overrides);
        return next;
    }

    private static RunMetrics metrics(SparkRun run) {
        return new RunMetrics(null, null, null, null, null, null, null, null, run.duration().toSeconds(), 1, null);
    }
}
