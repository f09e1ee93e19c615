package dev.autoremediate.ingest.contract;

/**
 * Per-run metrics of a job; every field is optional (null when the platform did not report it).
 *
 * @param peakExecutorMemoryBytes peak JVM heap used by one executor (Spark's JVMHeapMemory)
 * @param peakExecutorRssBytes    peak resident memory of one executor's process tree
 * @param peakDriverMemoryBytes   peak JVM heap used by the driver
 * @param resultBytes             total size of results collected to the driver
 */
public record RunMetrics(
        Long inputBytes,
        Long shuffleReadBytes,
        Long shuffleWriteBytes,
        Long spillBytes,
        Long peakExecutorMemoryBytes,
        Long peakExecutorRssBytes,
        Long peakDriverMemoryBytes,
        Long resultBytes,
        Long durationSeconds,
        Integer numExecutors,
        Integer numTasks) {

    public static RunMetrics empty() {
        return new RunMetrics(null, null, null, null, null, null, null, null, null, null, null);
    }
}
