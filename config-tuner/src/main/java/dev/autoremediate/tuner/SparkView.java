package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ByteUnit;
import dev.autoremediate.ingest.contract.SparkDurations;
import java.util.Map;
import java.util.function.Function;

/**
 * The effective values of the Spark settings the search works on, with Spark's defaults (see {@link HeuristicTuner}).
 * Memory in MiB. Throws {@link IllegalArgumentException} naming the key when a value cannot be read.
 */
record SparkView(long heapMb, long overheadMb, boolean overheadExplicit, long driverMb, long maxResultMb, int cores,
        int partitions, int executors, long kryoMb, double broadcastTimeoutSeconds, boolean broadcastEnabled) {

    static final String EXECUTOR_INSTANCES = "spark.executor.instances";
    static final String BROADCAST_THRESHOLD = "spark.sql.autoBroadcastJoinThreshold";
    static final long RESERVED_MB = 300;

    static SparkView of(Map<String, String> config) {
        return of(config::get);
    }

    /**
     * The view of the configuration this is the view of with a candidate's changes put over it (by
     * {@link SparkCandidate.Setting} ordinal, {@link SparkCandidate#UNSET} for none): the same as {@link #of(Map)} of the
     * merged configuration with each value written as {@link SparkCandidate.Setting#text} writes it, without writing
     * and reading the text. Each value depends on its own key alone, except the overhead's default, which follows the
     * executor memory.
     */
    SparkView with(long[] changes) {
        long heap = changed(changes, SparkCandidate.Setting.EXECUTOR_MEMORY, heapMb);
        long overhead = changes[SparkCandidate.Setting.EXECUTOR_OVERHEAD.ordinal()];
        boolean explicit = overheadExplicit || overhead != SparkCandidate.UNSET;
        if (overhead == SparkCandidate.UNSET) {
            overhead = explicit ? overheadMb : defaultOverhead(heap);
        }
        long cores = changed(changes, SparkCandidate.Setting.EXECUTOR_CORES, this.cores);
        long partitions = changed(changes, SparkCandidate.Setting.SHUFFLE_PARTITIONS, this.partitions);
        long timeout = changes[SparkCandidate.Setting.BROADCAST_TIMEOUT.ordinal()];
        long threshold = changes[SparkCandidate.Setting.BROADCAST_THRESHOLD.ordinal()];
        return new SparkView(heap, overhead, explicit, changed(changes, SparkCandidate.Setting.DRIVER_MEMORY, driverMb),
                changed(changes, SparkCandidate.Setting.MAX_RESULT_SIZE, maxResultMb), (int) Math.max(1, cores),
                (int) Math.max(1, partitions), executors,
                changed(changes, SparkCandidate.Setting.KRYO_BUFFER_MAX, kryoMb),
                timeout == SparkCandidate.UNSET ? broadcastTimeoutSeconds : timeout,
                threshold == SparkCandidate.UNSET ? broadcastEnabled : threshold != -1);
    }

    private static long changed(long[] changes, SparkCandidate.Setting setting, long current) {
        long value = changes[setting.ordinal()];
        return value == SparkCandidate.UNSET ? current : value;
    }

    private static SparkView of(Function<String, String> config) {
        long heap = memory(config, HeuristicTuner.EXECUTOR_MEMORY, "1g", ByteUnit.MIB);
        String overheadText = config.apply(HeuristicTuner.EXECUTOR_OVERHEAD);
        long overhead = overheadText == null ? defaultOverhead(heap)
                : memory(config, HeuristicTuner.EXECUTOR_OVERHEAD, null, ByteUnit.MIB);
        long driver = memory(config, HeuristicTuner.DRIVER_MEMORY, "1g", ByteUnit.MIB);
        long maxResult = memory(config, HeuristicTuner.MAX_RESULT_SIZE, "1g", ByteUnit.BYTE);
        int cores = (int) Math.max(1, whole(config, HeuristicTuner.EXECUTOR_CORES, "1"));
        int partitions = (int) Math.max(1, whole(config, HeuristicTuner.SHUFFLE_PARTITIONS, "200"));
        int executors = (int) Math.max(1, whole(config, EXECUTOR_INSTANCES, "2"));
        long kryo = memory(config, HeuristicTuner.KRYO_BUFFER_MAX, "64m", ByteUnit.MIB);
        double timeout = SparkDurations.seconds(orDefault(config, HeuristicTuner.BROADCAST_TIMEOUT, "300"));
        boolean broadcast = !orDefault(config, BROADCAST_THRESHOLD, "10m").strip().equals("-1");
        return new SparkView(heap, overhead, overheadText != null, driver, maxResult, cores, partitions, executors,
                kryo, timeout, broadcast);
    }

    private static String orDefault(Function<String, String> config, String key, String dflt) {
        String value = config.apply(key);
        return value == null ? dflt : value;
    }

    static long defaultOverhead(long heapMb) {
        return Math.max(HeuristicTuner.MIN_OVERHEAD_MB, (long) (HeuristicTuner.DEFAULT_OVERHEAD_FACTOR * heapMb));
    }

    long containerMb() {
        return heapMb + overheadMb;
    }

    long driverContainerMb() {
        return driverMb + Math.max(384, driverMb / 10);
    }

    private static long memory(Function<String, String> config, String key, String dflt, ByteUnit bareUnit) {
        String text = orDefault(config, key, dflt);
        try {
            return MemorySize.parse(text, bareUnit).mebibytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is '" + text + "', not a memory size");
        }
    }

    private static long whole(Function<String, String> config, String key, String dflt) {
        String text = orDefault(config, key, dflt);
        if (!text.isEmpty() && text.length() <= 15 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(text); // what (long) Double.parseDouble gives for up to 15 digits, without its cost
        }
        try {
            return (long) Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is '" + text + "', not a number");
        }
    }

    static String size(long mb) {
        return MemorySize.ofMebibytes(mb).toSparkString();
    }
}
