package dev.autoremediate.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's jobs. Each fails for real under its initial configuration; the fix a remediation should find is
 * noted, and the job succeeds with it (except {@link #TABLE_NOT_FOUND}, which no configuration fixes).
 */
public enum SparkJob {

    /** Collects 0.85 M rows of ~300 characters to the driver: OutOfMemoryError in the driver's main thread at 512m. */
    DRIVER_OOM("sandbox.collect_sessions", Map.of("spark.driver.memory", "512m"),
            "raise spark.driver.memory (768m is enough)"),

    /** Collects ~1.5 MB of hashes: more than spark.driver.maxResultSize=1m. */
    MAX_RESULT_SIZE("sandbox.export_hashes", Map.of("spark.driver.memory", "1g", "spark.driver.maxResultSize", "1m"),
            "raise spark.driver.maxResultSize (2m is enough)"),

    /** RDD.aggregate with a 1.5 MB zero value, serialized by Kryo in the driver: buffer overflow at buffer.max=1m. */
    KRYO_BUFFER("sandbox.aggregate_profiles", Map.of("spark.driver.memory", "1g",
            "spark.serializer", "org.apache.spark.serializer.KryoSerializer", "spark.kryoserializer.buffer.max", "1m"),
            "raise spark.kryoserializer.buffer.max (2m is enough)"),

    /** A broadcast join whose small side takes ~13 s to compute: longer than spark.sql.broadcastTimeout=12. */
    BROADCAST_TIMEOUT("sandbox.join_dimensions", Map.of("spark.driver.memory", "1g",
            "spark.sql.broadcastTimeout", "12", "spark.sql.adaptive.enabled", "false"),
            "raise spark.sql.broadcastTimeout (24 is enough) or disable the broadcast"),

    /** Reads a table that does not exist: AnalysisException [TABLE_OR_VIEW_NOT_FOUND]. Not retryable. */
    TABLE_NOT_FOUND("sandbox.daily_orders", Map.of("spark.driver.memory", "1g"), "none: the query must be fixed");

    /** Settings of every sandbox run (local mode, small, no UI, loopback only). */
    public static final Map<String, String> COMMON = Map.of(
            "spark.master", "local[2]",
            "spark.ui.enabled", "false",
            "spark.sql.shuffle.partitions", "4",
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.executor.memory", "1g");

    private final String jobId;
    private final Map<String, String> failingConfig;
    private final String fix;

    SparkJob(String jobId, Map<String, String> failingConfig, String fix) {
        this.jobId = jobId;
        this.failingConfig = failingConfig;
        this.fix = fix;
    }

    /** A stable job id, as a scheduler would name the job. */
    public String jobId() {
        return jobId;
    }

    /** The configuration the job fails with: {@link #COMMON} plus the job's own settings. */
    public Map<String, String> failingConfig() {
        var config = new LinkedHashMap<>(COMMON);
        config.putAll(failingConfig);
        return Map.copyOf(config);
    }

    /** What fixes it, in words. */
    public String fix() {
        return fix;
    }
}
