package dev.autoremediate.ingest.contract;

import java.util.Map;

/**
 * The job and the run that failed.
 *
 * @param jobId         stable id of the job definition; the Kafka key
 * @param runId         one scheduled execution of the job
 * @param attempt       1 for the first try of the run
 * @param engine        spark, hive, tez, mapreduce, flink, trino, notebook (lower case)
 * @param engineVersion optional
 * @param owner         team or person that owns the job; optional
 * @param scheduler     optional, e.g. maestro or airflow
 * @param tier          optional criticality, 0 most critical
 * @param config        the run's engine configuration (key to value as text)
 */
public record Job(
        String jobId,
        String runId,
        int attempt,
        String engine,
        String engineVersion,
        String owner,
        String scheduler,
        Integer tier,
        Map<String, String> config) {

    public Job {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(withoutNulls(config));
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        var copy = new java.util.TreeMap<String, String>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
