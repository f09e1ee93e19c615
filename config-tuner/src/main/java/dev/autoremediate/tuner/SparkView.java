package dev.autoremediate.tuner;

import java.util.Locale;
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
     * The view of the configuration this is the view of with {@code overrides} put over it: the same as
     * {@link #of(Map)} of the merged map, reading only the overridden keys. Each value depends on its own key alone,
     * except the overhead's default, which follows the executor memory.
     */
    SparkView with(Map<String, String> overrides) {
        long heap = heapMb;
        long overhead = overheadMb;
        boolean explicit = overheadExplicit;
        long driver = driverMb;
        long maxResult = maxResultMb;
        int cores = this.cores;
        int partitions = this.partitions;
        int executors = this.executors;
        long kryo = kryoMb;
        double timeout = broadcastTimeoutSeconds;
        boolean broadcast = broadcastEnabled;
        Function<String, String> config = overrides::get;
        for (String key : overrides.keySet()) {
            switch (key) {
                case HeuristicTuner.EXECUTOR_MEMORY -> heap = memory(config, key, null, 1L << 20);
                case HeuristicTuner.EXECUTOR_OVERHEAD -> {
                    overhead = memory(config, key, null, 1L << 20);
                    explicit = true;
                }
                case HeuristicTuner.DRIVER_MEMORY -> driver = memory(config, key, null, 1L << 20);
                case HeuristicTuner.MAX_RESULT_SIZE -> maxResult = memory(config, key, null, 1);
                case HeuristicTuner.EXECUTOR_CORES -> cores = (int) Math.max(1, whole(config, key, null));
                case HeuristicTuner.SHUFFLE_PARTITIONS -> partitions = (int) Math.max(1, whole(config, key, null));
                case EXECUTOR_INSTANCES -> executors = (int) Math.max(1, whole(config, key, null));
                case HeuristicTuner.KRYO_BUFFER_MAX -> kryo = memory(config, key, null, 1L << 20);
                case HeuristicTuner.BROADCAST_TIMEOUT -> timeout = seconds(overrides.get(key));
                case BROADCAST_THRESHOLD -> broadcast = !overrides.get(key).strip().equals("-1");
                default -> {
                }
            }
        }
        if (!explicit) {
            overhead = defaultOverhead(heap);
        }
        return new SparkView(heap, overhead, explicit, driver, maxResult, cores, partitions, executors, kryo, timeout,
                broadcast);
    }

    private static SparkView of(Function<String, String> config) {
        long heap = memory(config, HeuristicTuner.EXECUTOR_MEMORY, "1g", 1L << 20);
        String overheadText = config.apply(HeuristicTuner.EXECUTOR_OVERHEAD);
        long overhead = overheadText == null ? defaultOverhead(heap)
                : memory(config, HeuristicTuner.EXECUTOR_OVERHEAD, null, 1L << 20);
        long driver = memory(config, HeuristicTuner.DRIVER_MEMORY, "1g", 1L << 20);
        long maxResult = memory(config, HeuristicTuner.MAX_RESULT_SIZE, "1g", 1);
        int cores = (int) Math.max(1, whole(config, HeuristicTuner.EXECUTOR_CORES, "1"));
        int partitions = (int) Math.max(1, whole(config, HeuristicTuner.SHUFFLE_PARTITIONS, "200"));
        int executors = (int) Math.max(1, whole(config, EXECUTOR_INSTANCES, "2"));
        long kryo = memory(config, HeuristicTuner.KRYO_BUFFER_MAX, "64m", 1L << 20);
        double timeout = seconds(orDefault(config, HeuristicTuner.BROADCAST_TIMEOUT, "300"));
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

    private static long memory(Function<String, String> config, String key, String dflt, long bareUnitBytes) {
        String text = orDefault(config, key, dflt);
        try {
            return MemorySize.parse(text, bareUnitBytes).mebibytes();
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

    static double seconds(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        double number = Double.parseDouble(t.substring(0, i));
        return switch (t.substring(i)) {
            case "", "s" -> number;
            case "ms" -> number / 1000;
            case "m", "min" -> number * 60;
            case "h" -> number * 3600;
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration");
        };
    }

    static String size(long mb) {
        return MemorySize.ofMebibytes(mb).toSparkString();
    }
}
