package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.ByteUnit;
import dev.autoremediate.ingest.contract.SparkDurations;
import java.util.Map;

/**
 * The settings of a Spark configuration that the simulator's jobs react to, read with Spark's defaults.
 * Memory is in MiB.
 */
public record SparkSettings(double heapMb, double overheadMb, double driverMb, double maxResultMb, int cores,
        int partitions, int executors, double kryoMaxMb, double broadcastTimeoutSeconds, boolean broadcastEnabled) {

    public static final String EXECUTOR_MEMORY = "spark.executor.memory";
    public static final String EXECUTOR_OVERHEAD = "spark.executor.memoryOverhead";
    public static final String DRIVER_MEMORY = "spark.driver.memory";
    public static final String MAX_RESULT_SIZE = "spark.driver.maxResultSize";
    public static final String EXECUTOR_CORES = "spark.executor.cores";
    public static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    public static final String EXECUTOR_INSTANCES = "spark.executor.instances";
    public static final String KRYO_BUFFER_MAX = "spark.kryoserializer.buffer.max";
    public static final String BROADCAST_TIMEOUT = "spark.sql.broadcastTimeout";
    public static final String BROADCAST_THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";

    /** Spark's memory reserved by the executor JVM itself, in MiB. */
    public static final double RESERVED_MB = 300;

    public static SparkSettings of(Map<String, String> config) {
        double heap = mebibytes(config.getOrDefault(EXECUTOR_MEMORY, "1g"), ByteUnit.MIB);
        String overheadText = config.get(EXECUTOR_OVERHEAD);
        double overhead = overheadText == null ? defaultOverheadMb(heap) : mebibytes(overheadText, ByteUnit.MIB);
        double driver = mebibytes(config.getOrDefault(DRIVER_MEMORY, "1g"), ByteUnit.MIB);
        double maxResult = mebibytes(config.getOrDefault(MAX_RESULT_SIZE, "1g"), ByteUnit.BYTE);
        int cores = (int) Math.max(1, Double.parseDouble(config.getOrDefault(EXECUTOR_CORES, "1")));
        int partitions = (int) Math.max(1, Double.parseDouble(config.getOrDefault(SHUFFLE_PARTITIONS, "200")));
        int executors = (int) Math.max(1, Double.parseDouble(config.getOrDefault(EXECUTOR_INSTANCES, "2")));
        double kryo = mebibytes(config.getOrDefault(KRYO_BUFFER_MAX, "64m"), ByteUnit.MIB);
        double timeout = SparkDurations.seconds(config.getOrDefault(BROADCAST_TIMEOUT, "300"));
        boolean broadcast = !config.getOrDefault(BROADCAST_THRESHOLD, "10m").strip().equals("-1");
        return new SparkSettings(heap, overhead, driver, maxResult, cores, partitions, executors, kryo, timeout,
                broadcast);
    }

    /**
     * Spark's executor memory overhead when the configuration does not set it: max(384 MiB, 10% of the heap), in MiB.
     * With it, the settings of a configuration with some values changed can be made from numbers, without writing and
     * reading the configuration's text again.
     */
    public static double defaultOverheadMb(double heapMb) {
        return Math.max(384, Math.floor(0.10 * heapMb));
    }

    /** Executor container: heap + overhead, in MiB. */
    public double containerMb() {
        return heapMb + overheadMb;
    }

    /** Driver container: driver memory + max(384m, 10%), in MiB. */
    public double driverContainerMb() {
        return driverMb + Math.max(384, 0.10 * driverMb);
    }

    /**
     * A Spark size string in MiB, for a key that Spark holds in {@code unit} (bare numbers count it): read by
     * {@link ByteUnit#parse(String)}, so rounded down to a whole {@code unit} as Spark does, and exact in MiB for a key
     * held in bytes ({@code spark.driver.maxResultSize}).
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static double mebibytes(String text, ByteUnit unit) {
        return unit.parse(text) * (double) unit.bytes() / ByteUnit.MIB.bytes();
    }

    /**
     * Writes MiB as a Spark size rounded up to a whole MiB, in the largest exact unit ({@link ByteUnit#mebibytes}):
     * {@code 12g} when exact, else {@code 1536m}.
     */
    public static String sparkSize(double mebibytes) {
        return ByteUnit.mebibytes((long) Math.ceil(mebibytes - 1e-9));
    }
}
