package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.Locale;
import java.util.SplittableRandom;

/** The error text a Spark job reports for each failure category: real wordings, with the run's own numbers. */
final class Messages {

    private static final String SPARK_EXCEPTION = "org.apache.spark.SparkException";

    private Messages() {
    }

    /** What the engine reports; {@code facts} carry the numbers a real message would contain. */
    static Failure failure(FailureCategory category, SplittableRandom r, Facts facts) {
        int task = r.nextInt(2000);
        int stage = 1 + r.nextInt(12);
        int executor = 1 + r.nextInt(Math.max(1, facts.executors()));
        String host = "10.0." + r.nextInt(256) + "." + r.nextInt(256);
        String lost = "Job aborted due to stage failure: Task " + task + " in stage " + stage + ".0 failed 4 times, "
                + "most recent failure: Lost task " + task + ".3 in stage " + stage + ".0 (TID " + (10000 + task) + ") ("
                + host + " executor " + executor + "): ";
        return switch (category) {
            case MEMORY_EXECUTOR_OOM -> switch (r.nextInt(3)) {
                case 0 -> new Failure(1, SPARK_EXCEPTION, lost + "java.lang.OutOfMemoryError: Java heap space",
                        "java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3332)\n"
                                + "\tat org.apache.spark.util.collection.ExternalSorter.insertAll(ExternalSorter.scala:195)", null);
                case 1 -> new Failure(1, SPARK_EXCEPTION, lost + "java.lang.OutOfMemoryError: GC overhead limit exceeded",
                        "java.lang.OutOfMemoryError: GC overhead limit exceeded\n\tat java.util.HashMap.resize(HashMap.java:704)",
                        null);
                default -> new Failure(1, SPARK_EXCEPTION, lost + "org.apache.spark.memory.SparkOutOfMemoryError: "
                        + "Unable to acquire " + (1 << (16 + r.nextInt(6))) + " bytes of memory, got 0",
                        "org.apache.spark.memory.SparkOutOfMemoryError: Unable to acquire memory\n"
                                + "\tat org.apache.spark.memory.MemoryConsumer.throwOom(MemoryConsumer.java:157)", null);
            };
            case MEMORY_OVERHEAD -> {
                double limitGb = facts.containerMb() / 1024;
                double usedGb = facts.rssMb() / 1024;
                String used = String.format(Locale.ROOT, "%.1f GB of %.1f GB physical memory used", usedGb, limitGb);
                yield new Failure(137, SPARK_EXCEPTION, "Job aborted due to stage failure: Task " + task + " in stage "
                        + stage + ".0 failed 4 times: ExecutorLostFailure (executor " + executor + " exited caused by one of "
                        + "the running tasks) Reason: Container killed by YARN for exceeding memory limits. " + used
                        + ". Consider boosting spark.executor.memoryOverhead.", null, null);
            }
            case MEMORY_DRIVER -> {
                if (facts.resultLimitHit()) {
                    yield new Failure(1, SPARK_EXCEPTION, "Job aborted due to stage failure: Total size of serialized "
                            + "results of " + (100 + r.nextInt(3000)) + " tasks ("
                            + String.format(Locale.ROOT, "%.1f", facts.resultMb()) + " MiB) is bigger than "
                            + "spark.driver.maxResultSize (" + String.format(Locale.ROOT, "%.1f", facts.maxResultMb())
                            + " MiB)", null, null);
                }
                yield new Failure(1, "java.lang.OutOfMemoryError", "Exception in thread \"main\" "
                        + "java.lang.OutOfMemoryError: Java heap space",
                        "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n"
                                + "\tat org.apache.spark.sql.execution.SparkPlan.executeCollect(SparkPlan.scala:448)", null);
            }
            case SERIALIZATION -> new Failure(1, SPARK_EXCEPTION, lost + "org.apache.spark.SparkException: Kryo "
                    + "serialization failed: Buffer overflow. Available: 0, required: " + (1 + r.nextInt(8_000_000))
                    + ". To avoid this, increase spark.kryoserializer.buffer.max value.", null, null);
            case TIMEOUT -> new Failure(1, "java.util.concurrent.TimeoutException", "Could not execute broadcast in "
                    + Math.round(facts.broadcastTimeoutSeconds()) + " secs. You can increase the timeout for broadcasts "
                    + "via spark.sql.broadcastTimeout or disable broadcast join by setting "
                    + "spark.sql.autoBroadcastJoinThreshold to -1", null, null);
            case TRANSIENT_IO -> r.nextBoolean()
                    ? new Failure(1, "com.amazonaws.services.s3.model.AmazonS3Exception", "com.amazonaws.services.s3.model."
                    + "AmazonS3Exception: Slow Down (Service: Amazon S3; Status Code: 503; Error Code: SlowDown; Request ID: "
                    + Long.toHexString(r.nextLong()).toUpperCase(Locale.ROOT) + ")", null, null)
                    : new Failure(1, SPARK_EXCEPTION, lost + "java.net.SocketException: Connection reset", null, null);
            case EXECUTOR_LOST -> new Failure(1, SPARK_EXCEPTION, "Job aborted due to stage failure: Task " + task
                    + " in stage " + stage + ".0 failed 4 times: ExecutorLostFailure (executor " + executor + " exited "
                    + "unrelated to the running tasks) Reason: Container marked as failed: container_1700000000000_0001_01_"
                    + String.format("%06d", executor) + " on host: " + host + ". Exit status: -100. Diagnostics: Container "
                    + "released on a *lost* node.", null, null);
            case SHUFFLE_FETCH -> new Failure(1, "org.apache.spark.shuffle.FetchFailedException",
                    "org.apache.spark.shuffle.FetchFailedException: Failed to connect to " + host + ":7337", null, null);
            case USER_CODE -> new Failure(1, "org.apache.spark.api.python.PythonException", lost
                    + "org.apache.spark.api.python.PythonException: Traceback (most recent call last):\n"
                    + "  File \"/jobs/transform.py\", line " + (10 + r.nextInt(400)) + ", in parse_row\n"
                    + "TypeError: 'NoneType' object is not subscriptable", null, null);
            case SQL_ANALYSIS -> new Failure(1, "org.apache.spark.sql.AnalysisException",
                    "org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `prod`.`events_v"
                            + (2 + r.nextInt(5)) + "` cannot be found. Verify the spelling and correctness of the schema and "
                            + "catalog.", null, null);
            case PERMISSION -> new Failure(1, "java.nio.file.AccessDeniedException",
                    "java.nio.file.AccessDeniedException: s3a://warehouse/prod/events/date=2026-11-22: getFileStatus on "
                            + "s3a://warehouse/prod/events/date=2026-11-22: com.amazonaws.services.s3.model.AmazonS3Exception: "
                            + "Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied)", null, null);
            case DATA_SCHEMA -> new Failure(1, SPARK_EXCEPTION, lost + "org.apache.spark.sql.execution.QueryExecutionException: "
                    + "Parquet column cannot be converted in file s3a://warehouse/prod/events/part-0001.parquet. "
                    + "Column: [user_id], Expected: bigint, Found: BINARY", null, null);
            case DEPENDENCY -> new Failure(1, "java.lang.NoSuchMethodError", "java.lang.NoSuchMethodError: "
                    + "'void com.google.common.base.Preconditions.checkArgument(boolean, java.lang.String, java.lang.Object)'",
                    null, null);
            default -> throw new IllegalArgumentException("the simulator does not produce " + category);
        };
    }

    /** Numbers that appear in messages. */
    record Facts(int executors, double containerMb, double rssMb, boolean resultLimitHit, double resultMb,
            double maxResultMb, double broadcastTimeoutSeconds) {
    }
}
