package dev.autoremediate.datasets;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builders of realistic failure events, one per common failure, for tests and demos of every module:
 * {@code FailureEvents.heapOom("job-1")}. Each returns attempt 1 of run {@code <jobId>/2026-11-22} of a Spark job
 * with a typical configuration; {@link #attempt(FailureEvent, int)} and {@link #withEventId} vary them.
 */
public final class FailureEvents {

    public static final Instant OCCURRED_AT = Instant.parse("2026-11-22T10:15:30Z");

    private FailureEvents() {
    }

    /** A typical Spark configuration: 8g executors with 1g overhead, 4 cores, a 4g driver. */
    public static Map<String, String> sparkConfig() {
        var config = new TreeMap<String, String>();
        config.put("spark.executor.memory", "8g");
        config.put("spark.executor.memoryOverhead", "1g");
        config.put("spark.executor.cores", "4");
        config.put("spark.driver.memory", "4g");
        config.put("spark.sql.shuffle.partitions", "200");
        return config;
    }

    public static FailureEvent spark(String jobId, Integer exitCode, String exceptionClass, String message, String stackTrace) {
        var job = new Job(jobId, jobId + "/2026-11-22", 1, "spark", "3.5.1", "team-playback", "maestro", 2, sparkConfig());
        var failure = new Failure(exitCode, exceptionClass, message, stackTrace, null);
        return new FailureEvent(FailureEvent.SCHEMA_VERSION, jobId + "-evt-1", OCCURRED_AT, job, failure,
                new RunMetrics(50L << 30, 20L << 30, 20L << 30, 0L, 7L << 30, 9L << 30, 2L << 30, 0L, 1800L, 50, 4000));
    }

    public static FailureEvent heapOom(String jobId) {
        return spark(jobId, 1, "org.apache.spark.SparkException",
                "Job aborted due to stage failure: Task 12 in stage 3.0 failed 4 times, most recent failure: "
                        + "Lost task 12.3 in stage 3.0 (TID 812) (10.0.4.17 executor 7): java.lang.OutOfMemoryError: Java heap space",
                "java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3332)\n"
                        + "\tat org.apache.spark.util.collection.ExternalSorter.insertAll(ExternalSorter.scala:195)");
    }

    public static FailureEvent containerKilled(String jobId) {
        return spark(jobId, 137, "org.apache.spark.SparkException",
                "Job aborted due to stage failure: Task 3 in stage 5.0 failed 4 times: ExecutorLostFailure (executor 12 exited "
                        + "caused by one of the running tasks) Reason: Container killed by YARN for exceeding memory limits. "
                        + "9.5 GB of 9 GB physical memory used. Consider boosting spark.executor.memoryOverhead.",
                null);
    }

    public static FailureEvent driverOom(String jobId) {
        return spark(jobId, 1, "org.apache.spark.SparkException",
                "Job aborted due to stage failure: Total size of serialized results of 412 tasks (1027.3 MiB) is bigger "
                        + "than spark.driver.maxResultSize (1024.0 MiB)",
                null);
    }

    public static FailureEvent fetchFailed(String jobId) {
        return spark(jobId, 1, "org.apache.spark.shuffle.FetchFailedException",
                "org.apache.spark.shuffle.FetchFailedException: Failed to connect to ip-10-0-4-17.ec2.internal/10.0.4.17:7337",
                null);
    }

    public static FailureEvent s3SlowDown(String jobId) {
        return spark(jobId, 1, "com.amazonaws.services.s3.model.AmazonS3Exception",
                "com.amazonaws.services.s3.model.AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; "
                        + "Error Code: SlowDown; Request ID: 7F3A2B1C)",
                null);
    }

    public static FailureEvent tableNotFound(String jobId) {
        return spark(jobId, 1, "org.apache.spark.sql.AnalysisException",
                "org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `prod`.`sessions_v2` "
                        + "cannot be found. Verify the spelling and correctness of the schema and catalog.",
                null);
    }

    public static FailureEvent accessDenied(String jobId) {
        return spark(jobId, 1, "java.nio.file.AccessDeniedException",
                "java.nio.file.AccessDeniedException: s3a://warehouse/sessions/part-0000.parquet: getFileStatus on "
                        + "s3a://warehouse/sessions/part-0000.parquet: com.amazonaws.services.s3.model.AmazonS3Exception: "
                        + "Forbidden (Service: Amazon S3; Status Code: 403; Error Code: 403 Forbidden)",
                null);
    }

    /** A failure no rule should recognise. */
    public static FailureEvent unrecognised(String jobId) {
        return spark(jobId, 3, "com.example.pipeline.QuasarFluxException",
                "com.example.pipeline.QuasarFluxException: the flux capacitor of partition 7 reported state 0x2f", null);
    }

    /** The same event as another attempt of the same run (and a new event id). */
    public static FailureEvent attempt(FailureEvent event, int attempt) {
        Job j = event.job();
        var job = new Job(j.jobId(), j.runId(), attempt, j.engine(), j.engineVersion(), j.owner(), j.scheduler(), j.tier(),
                j.config());
        return new FailureEvent(event.schemaVersion(), j.jobId() + "-evt-" + attempt, event.occurredAt(), job,
                event.failure(), event.metrics());
    }

    public static FailureEvent withEventId(FailureEvent event, String eventId) {
        return new FailureEvent(event.schemaVersion(), eventId, event.occurredAt(), event.job(), event.failure(),
                event.metrics());
    }
}
