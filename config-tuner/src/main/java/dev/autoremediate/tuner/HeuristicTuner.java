package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ByteUnit;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.ConfigStep;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the config steps of an action template ({@code spark.executor.memory*1.5},
 * {@code spark.sql.autoBroadcastJoinThreshold=-1}) into concrete changes of one job's configuration, within the
 * {@link GuardRails}. Stateless and thread-safe; the same input always gives the same result.
 *
 * <h2>Values used when a key is missing (the engines' defaults)</h2>
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>key</th><th>default</th><th>read as</th></tr>
 *   <tr><td>{@code spark.executor.memory}</td><td>{@code 1g}</td><td>memory</td></tr>
 *   <tr><td>{@code spark.executor.memoryOverhead}</td><td>max(384m, 10% of executor memory), the 10% being
 *       {@code spark.executor.memoryOverheadFactor} when set</td><td>memory</td></tr>
 *   <tr><td>{@code spark.driver.memory}</td><td>{@code 1g}</td><td>memory</td></tr>
 *   <tr><td>{@code spark.driver.maxResultSize}</td><td>{@code 1g} ({@code 0} = unlimited; a bare number is
 *       bytes)</td><td>memory</td></tr>
 *   <tr><td>{@code spark.executor.cores}</td><td>{@code 1}</td><td>whole number, rounded down, at least 1</td></tr>
 *   <tr><td>{@code spark.sql.shuffle.partitions}</td><td>{@code 200}</td><td>whole number, rounded up</td></tr>
 *   <tr><td>{@code spark.kryoserializer.buffer.max}</td><td>{@code 64m}</td><td>memory, below Spark's limit of
 *       2048m</td></tr>
 *   <tr><td>{@code spark.sql.broadcastTimeout}</td><td>{@code 300} (seconds)</td><td>duration</td></tr>
 *   <tr><td>{@code spark.rpc.message.maxSize}</td><td>{@code 128} (MiB, a plain number)</td><td>whole number,
 *       rounded up, at most Spark's limit of 2047</td></tr>
 *   <tr><td>{@code spark.network.timeout}</td><td>{@code 120s}</td><td>duration</td></tr>
 *   <tr><td>{@code spark.memory.offHeap.size}</td><td>{@code 0} (a bare number is bytes)</td><td>memory</td></tr>
 *   <tr><td>{@code mapreduce.map.memory.mb}, {@code mapreduce.reduce.memory.mb}</td><td>{@code 1024}
 *       (MiB)</td><td>whole number, rounded up; at most the container rail</td></tr>
 *   <tr><td>{@code hive.tez.container.size}</td><td>{@code mapreduce.map.memory.mb} (also when set to
 *       {@code -1}, as in Hive)</td><td>whole number (MiB), rounded up; at most the container rail</td></tr>
 *   <tr><td>{@code taskmanager.memory.process.size}</td><td>{@code 1728m} (Flink)</td><td>memory; at most the
 *       container rail</td></tr>
 *   <tr><td>{@code taskmanager.memory.jvm-metaspace.size}</td><td>{@code 256m} (Flink)</td><td>memory</td></tr>
 *   <tr><td>{@code jobmanager.memory.process.size}</td><td>{@code 1600m} (Flink)</td><td>memory; at most the
 *       driver rail</td></tr>
 * </table>
 * Other keys must be set to be multiplied; their kind is read from the value: a whole or decimal number, a size
 * ({@code 512m}) or a duration ({@code 30s}; a key naming a timeout, interval or wait reads {@code 5m} as minutes).
 * Memory sizes are read by {@link MemorySize}; a bare number means MiB unless noted above.
 *
 * <h2>Steps</h2>
 * Steps apply in order; a later step on the same key starts from the earlier step's result.
 * <ul>
 *   <li>{@code MULTIPLY}: a factor above {@link GuardRails#maxStepFactor()} is clamped to it (the combined factor of
 *       several steps on one key too) and noted. Memory results round up to a whole MiB, then up to a multiple of
 *       256 MiB (from 1 GiB) or 64 MiB (below) unless that would step past the rail, and are written by
 *       {@link MemorySize#toSparkString()}. Whole numbers round as listed above; durations round up and keep their
 *       unit ({@code 120s} → {@code 240s}, {@code 300} → {@code 600}).</li>
 *   <li>{@code SET}: the literal value.</li>
 * </ul>
 *
 * <h2>Guard rails</h2>
 * <ul>
 *   <li>Executor container = executor memory + memory overhead (+ {@code spark.executor.pyspark.memory}, and
 *       {@code spark.memory.offHeap.size} when {@code spark.memory.offHeap.enabled} is {@code true}) must stay within
 *       {@link GuardRails#maxContainerMemoryMb()}. A change that would grow it past the cap is scaled down to fit
 *       (each growing part by the same share of its asked increase) and noted; when the container is already at or
 *       above the cap the result is blocked. An unset overhead follows the executor memory, as Spark derives it.</li>
 *   <li>{@code spark.driver.memory} must stay within {@link GuardRails#maxDriverMemoryMb()}: capped, or blocked when
 *       already there. Spark's own limits on {@code spark.kryoserializer.buffer.max} and
 *       {@code spark.rpc.message.maxSize} are treated the same way.</li>
 * </ul>
 *
 * <h2>Values that cannot be read</h2>
 * A step that cannot be computed (the current value is {@code lots}, an unknown key is unset, a guarded key is SET
 * to something that is not a size) blocks the whole result with a reason naming key and value: the job's
 * configuration or the rule needs a human, and no exception escapes for bad data. Only {@code null} arguments throw.
 */
public final class HeuristicTuner {

    static final String EXECUTOR_MEMORY = "spark.executor.memory";
    static final String EXECUTOR_OVERHEAD = "spark.executor.memoryOverhead";
    static final String OVERHEAD_FACTOR = "spark.executor.memoryOverheadFactor";
    static final String PYSPARK_MEMORY = "spark.executor.pyspark.memory";
    static final String OFF_HEAP_ENABLED = "spark.memory.offHeap.enabled";
    static final String OFF_HEAP_SIZE = "spark.memory.offHeap.size";
    static final String DRIVER_MEMORY = "spark.driver.memory";
    static final String MAX_RESULT_SIZE = "spark.driver.maxResultSize";
    static final String EXECUTOR_CORES = "spark.executor.cores";
    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String KRYO_BUFFER_MAX = "spark.kryoserializer.buffer.max";
    static final String BROADCAST_TIMEOUT = "spark.sql.broadcastTimeout";
    static final String RPC_MAX_SIZE = "spark.rpc.message.maxSize";
    static final String NETWORK_TIMEOUT = "spark.network.timeout";
    static final String MR_MAP_MEMORY = "mapreduce.map.memory.mb";
    static final String MR_REDUCE_MEMORY = "mapreduce.reduce.memory.mb";
    static final String TEZ_CONTAINER = "hive.tez.container.size";
    static final String FLINK_TM_PROCESS = "taskmanager.memory.process.size";
    static final String FLINK_TM_METASPACE = "taskmanager.memory.jvm-metaspace.size";
    static final String FLINK_JM_PROCESS = "jobmanager.memory.process.size";

    static final long MIN_OVERHEAD_MB = 384;
    static final double DEFAULT_OVERHEAD_FACTOR = 0.10;

    private static final ByteUnit MIB = ByteUnit.MIB;
    private static final ByteUnit BYTE = ByteUnit.BYTE;
    private static final long NO_MAX = Long.MAX_VALUE;
    /** The container fit searches the share of each asked increase in steps of 1/2^20. */
    private static final long WHOLE_SHARE = 1L << 20;

    private static final Map<String, KeySpec> KNOWN = Map.ofEntries(
            spec(EXECUTOR_MEMORY, Kind.MEMORY, "1g", MIB, RoundingMode.CEILING, 0, NO_MAX),
            spec(EXECUTOR_OVERHEAD, Kind.MEMORY, null, MIB, RoundingMode.CEILING, 0, NO_MAX),
            spec(PYSPARK_MEMORY, Kind.MEMORY, null, MIB, RoundingMode.CEILING, 0, NO_MAX),
            spec(OFF_HEAP_SIZE, Kind.MEMORY, "0", BYTE, RoundingMode.CEILING, 0, NO_MAX),
            spec(DRIVER_MEMORY, Kind.MEMORY, "1g", MIB, RoundingMode.CEILING, 0, NO_MAX),
            spec(MAX_RESULT_SIZE, Kind.MEMORY, "1g", BYTE, RoundingMode.CEILING, 0, NO_MAX),
            spec(KRYO_BUFFER_MAX, Kind.MEMORY, "64m", MIB, RoundingMode.CEILING, 0, 2047),
            spec(EXECUTOR_CORES, Kind.INTEGER, "1", null, RoundingMode.FLOOR, 1, NO_MAX),
            spec(SHUFFLE_PARTITIONS, Kind.INTEGER, "200", null, RoundingMode.CEILING, 1, NO_MAX),
            spec(RPC_MAX_SIZE, Kind.INTEGER, "128", null, RoundingMode.CEILING, 1, 2047),
            spec(BROADCAST_TIMEOUT, Kind.DURATION, "300", null, RoundingMode.CEILING, 1, NO_MAX),
            spec(NETWORK_TIMEOUT, Kind.DURATION, "120s", null, RoundingMode.CEILING, 1, NO_MAX),
            spec(MR_MAP_MEMORY, Kind.INTEGER, "1024", MIB, RoundingMode.CEILING, 1, NO_MAX),
            spec(MR_REDUCE_MEMORY, Kind.INTEGER, "1024", MIB, RoundingMode.CEILING, 1, NO_MAX),
            spec(TEZ_CONTAINER, Kind.INTEGER, null, MIB, RoundingMode.CEILING, 1, NO_MAX),
            spec(FLINK_TM_PROCESS, Kind.MEMORY, "1728m", MIB, RoundingMode.CEILING, 0, NO_MAX),
            spec(FLINK_TM_METASPACE, Kind.MEMORY, "256m", MIB, RoundingMode.CEILING, 0, NO_MAX),
            spec(FLINK_JM_PROCESS, Kind.MEMORY, "1600m", MIB, RoundingMode.CEILING, 0, NO_MAX));

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+");
    private static final Pattern WITH_UNIT = Pattern.compile("([0-9]+)\\s*([a-zA-Z]+)");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(us|ms|s|m|min|h|d)?");
    private static final List<String> TIME_HINTS = List.of("timeout", "interval", "wait", "time", "ttl", "delay");

    private final GuardRails rails;

    public HeuristicTuner(GuardRails rails) {
        this.rails = Objects.requireNonNull(rails, "rails");
    }

    public GuardRails rails() {
        return rails;
    }

    /**
     * Applies {@code steps} to {@code currentConfig} within the guard rails.
     *
     * @param currentConfig the job's configuration as the failed run had it (not modified)
     * @param steps         the steps of the action template, applied in order
     * @return the changes (sorted by key, unchanged keys left out) with notes, or a blocked result
     */
    public TuningResult apply(Map<String, String> currentConfig, List<ConfigStep> steps) {
        Objects.requireNonNull(currentConfig, "currentConfig");
        Objects.requireNonNull(steps, "steps");
        var config = new TreeMap<String, String>();
        currentConfig.forEach((k, v) -> {
            if (k != null && v != null) {
                config.put(k.strip(), v.strip());
            }
        });
        if ("-1".equals(config.get(TEZ_CONTAINER))) {
            config.remove(TEZ_CONTAINER); // Hive's "-1": use mapreduce.map.memory.mb, as if unset
        }
        var notes = new ArrayList<String>();
        try {
            Map<String, String> proposed = new LinkedHashMap<>();
            Map<String, Double> combinedFactor = new HashMap<>();
            for (ConfigStep step : steps) {
                Objects.requireNonNull(step, "step");
                applyStep(config, proposed, combinedFactor, step, notes);
            }
            guardExecutorContainer(config, proposed, notes);
            guardSingle(config, proposed, DRIVER_MEMORY, rails.maxDriverMemory(), "driver memory", notes);
            for (String container : List.of(MR_MAP_MEMORY, MR_REDUCE_MEMORY, TEZ_CONTAINER, FLINK_TM_PROCESS)) {
                guardSingle(config, proposed, container, rails.maxContainerMemory(), "container memory", notes);
            }
            guardSingle(config, proposed, FLINK_JM_PROCESS, rails.maxDriverMemory(), "JobManager memory", notes);
            guardSingle(config, proposed, KRYO_BUFFER_MAX, MemorySize.ofMebibytes(2047),
                    "spark.kryoserializer.buffer.max", notes);
            guardRpcMaxSize(config, proposed, notes);
            noteResultSizeAgainstDriver(config, proposed, notes);
            return new TuningResult(changes(config, proposed), notes, null);
        } catch (Untunable e) {
            return TuningResult.blocked(e.getMessage(), notes);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // steps

    private void applyStep(Map<String, String> config, Map<String, String> proposed, Map<String, Double> combinedFactor,
                           ConfigStep step, List<String> notes) throws Untunable {
        String key = step.key();
        if (step.op() == ConfigStep.Op.SET) {
            proposed.put(key, step.value());
            combinedFactor.remove(key);
            return;
        }
        double asked = step.factor();
        double sofar = combinedFactor.getOrDefault(key, 1.0);
        double allowed = rails.maxStepFactor() / sofar;
        double factor = asked;
        if (asked > allowed) {
            factor = Math.max(1.0, allowed);
            notes.add(step + ": factor clamped to " + number(factor) + " (guard rail: at most ×"
                    + number(rails.maxStepFactor()) + " per retry)");
        }
        combinedFactor.put(key, sofar * factor);
        String from = proposed.containsKey(key) ? proposed.get(key) : currentText(config, key, notes);
        KeySpec spec = specFor(key, from);
        proposed.put(key, multiply(spec, from, factor, notes));
    }

    /** The value a step starts from: as written, else Spark's default (noted), else untunable. */
    private String currentText(Map<String, String> config, String key, List<String> notes) throws Untunable {
        String written = config.get(key);
        if (written != null) {
            return written;
        }
        String effective = effectiveDefault(config, key);
        if (effective == null) {
            throw new Untunable(key + " is not set and has no known default: cannot multiply it");
        }
        notes.add(key + " is not set: started from its default " + effective);
        return effective;
    }

    private static String effectiveDefault(Map<String, String> config, String key) throws Untunable {
        if (key.equals(EXECUTOR_OVERHEAD)) {
            return derivedOverhead(config, memoryOf(config, EXECUTOR_MEMORY)).toSparkString();
        }
        if (key.equals(TEZ_CONTAINER)) {
            return config.getOrDefault(MR_MAP_MEMORY, KNOWN.get(MR_MAP_MEMORY).defaultValue());
        }
        KeySpec spec = KNOWN.get(key);
        return spec == null ? null : spec.defaultValue();
    }

    private String multiply(KeySpec spec, String text, double factor, List<String> notes) throws Untunable {
        String key = spec.key();
        switch (spec.kind()) {
            case MEMORY -> {
                MemorySize current = parseMemory(key, text, spec.bareUnit());
                if (current.mebibytes() == 0) {
                    notes.add(key + " is " + text + (key.equals(MAX_RESULT_SIZE) ? " (unlimited)" : "") + ": left as is");
                    return text;
                }
                return scaleMemory(current, factor).toSparkString();
            }
            case INTEGER -> {
                long current = parseWhole(key, text);
                BigDecimal product = BigDecimal.valueOf(current).multiply(BigDecimal.valueOf(factor))
                        .setScale(0, spec.rounding());
                long result = Math.max(spec.min(), product.longValueExact());
                return Long.toString(result);
            }
            case DECIMAL -> {
                BigDecimal current = parseDecimal(key, text);
                return current.multiply(BigDecimal.valueOf(factor)).stripTrailingZeros().toPlainString();
            }
            case DURATION -> {
                Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
                if (!m.matches()) {
                    throw new Untunable(key + " is '" + text + "', not a duration (expected e.g. 120s or 300)");
                }
                long amount = BigDecimal.valueOf(Long.parseLong(m.group(1))).multiply(BigDecimal.valueOf(factor))
                        .setScale(0, RoundingMode.CEILING).longValueExact();
                return Math.max(spec.min(), amount) + (m.group(2) == null ? "" : m.group(2));
            }
            default -> throw new IllegalStateException("unknown kind " + spec.kind());
        }
    }

    /** Rounds {@code current × factor} up to a whole MiB, then to a nice value when that stays within the rail. */
    private MemorySize scaleMemory(MemorySize current, double factor) {
        MemorySize exact = current.times(factor);
        if (factor <= 1.0) {
            return exact;
        }
        MemorySize nice = roundUpNice(exact);
        return nice.isGreaterThan(current.times(rails.maxStepFactor())) ? exact : nice;
    }

    static MemorySize roundUpNice(MemorySize size) {
        long step = size.mebibytes() >= 1024 ? 256 : 64;
        long mb = size.mebibytes();
        return MemorySize.ofMebibytes((mb + step - 1) / step * step);
    }

    static MemorySize roundDownNice(MemorySize size) {
        long mb = size.mebibytes();
        long down = mb >= 1024 ? mb / 256 * 256 : mb / 64 * 64;
        return MemorySize.ofMebibytes(down);
    }

    // ---------------------------------------------------------------------------------------------------------
    // guard rails

    /** The parts of an executor container, and which key each part comes from. */
    private record Container(MemorySize memory, MemorySize overhead, boolean overheadWritten, MemorySize pyspark,
                             MemorySize offHeap, double overheadFactor) {

        MemorySize total() {
            return memory.plus(overhead).plus(pyspark).plus(offHeap);
        }

        String describe() {
            var sb = new StringBuilder().append(memory).append(" memory + ").append(overhead).append(" overhead");
            if (pyspark.mebibytes() > 0) {
                sb.append(" + ").append(pyspark).append(" PySpark");
            }
            if (offHeap.mebibytes() > 0) {
                sb.append(" + ").append(offHeap).append(" off-heap");
            }
            return sb.append(" = ").append(total()).toString();
        }
    }

    private static Container containerOf(Map<String, String> config) throws Untunable {
        MemorySize memory = memoryOf(config, EXECUTOR_MEMORY);
        double factor = overheadFactor(config);
        boolean written = config.containsKey(EXECUTOR_OVERHEAD);
        MemorySize overhead = written ? memoryOf(config, EXECUTOR_OVERHEAD) : derivedOverhead(memory, factor);
        MemorySize pyspark = config.containsKey(PYSPARK_MEMORY) ? memoryOf(config, PYSPARK_MEMORY) : MemorySize.ofMebibytes(0);
        MemorySize offHeap = "true".equalsIgnoreCase(config.getOrDefault(OFF_HEAP_ENABLED, "false"))
                ? memoryOf(config, OFF_HEAP_SIZE) : MemorySize.ofMebibytes(0);
        return new Container(memory, overhead, written, pyspark, offHeap, factor);
    }

    private static double overheadFactor(Map<String, String> config) throws Untunable {
        String text = config.get(OVERHEAD_FACTOR);
        if (text == null) {
            return DEFAULT_OVERHEAD_FACTOR;
        }
        try {
            double factor = Double.parseDouble(text);
            if (factor >= 0 && factor < 100) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Untunable(OVERHEAD_FACTOR + " is '" + text + "', not a factor");
    }

    private static MemorySize derivedOverhead(Map<String, String> config, MemorySize memory) throws Untunable {
        return derivedOverhead(memory, overheadFactor(config));
    }

    /** Spark's derived overhead: max(384 MiB, factor × executor memory, rounded down). */
    static MemorySize derivedOverhead(MemorySize memory, double factor) {
        long fraction = BigDecimal.valueOf(memory.mebibytes()).multiply(BigDecimal.valueOf(factor))
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        return MemorySize.ofMebibytes(Math.max(MIN_OVERHEAD_MB, fraction));
    }

    private void guardExecutorContainer(Map<String, String> config, Map<String, String> proposed, List<String> notes)
            throws Untunable {
        if (!(proposed.containsKey(EXECUTOR_MEMORY) || proposed.containsKey(EXECUTOR_OVERHEAD)
                || proposed.containsKey(OVERHEAD_FACTOR) || proposed.containsKey(PYSPARK_MEMORY)
                || proposed.containsKey(OFF_HEAP_SIZE) || proposed.containsKey(OFF_HEAP_ENABLED))) {
            return;
        }
        MemorySize cap = rails.maxContainerMemory();
        Container now = containerOf(config);
        Container asked = containerOf(overlay(config, proposed));
        if (!asked.total().isGreaterThan(cap)) {
            return;
        }
        if (!asked.total().isGreaterThan(now.total())) {
            notes.add("executor container stays above the " + cap + " cap (" + asked.describe() + ") but does not grow");
            return;
        }
        if (now.total().compareTo(cap) >= 0) {
            throw new Untunable("executor container already " + (now.total().equals(cap) ? "at" : "above") + " the "
                    + cap + " cap (" + now.describe() + ")");
        }
        Container fitted = fit(now, asked, cap);
        if (!fitted.total().isGreaterThan(now.total())) {
            throw new Untunable("executor container cannot grow within the " + cap + " cap (" + now.describe() + ")");
        }
        writeBack(proposed, EXECUTOR_MEMORY, asked.memory(), fitted.memory(), now.memory(), cap, notes);
        if (asked.overheadWritten()) {
            writeBack(proposed, EXECUTOR_OVERHEAD, asked.overhead(), fitted.overhead(), now.overhead(), cap, notes);
        }
        writeBack(proposed, PYSPARK_MEMORY, asked.pyspark(), fitted.pyspark(), now.pyspark(), cap, notes);
        writeBack(proposed, OFF_HEAP_SIZE, asked.offHeap(), fitted.offHeap(), now.offHeap(), cap, notes);
        notes.add("executor container capped at " + fitted.describe() + " (guard rail: at most " + cap + ")");
    }

    /**
     * Scales each growing part of the container by the same share {@code s} of its asked increase, the largest share
     * that fits under the cap, then rounds the grown parts down to nice values where they still grow.
     */
    private static Container fit(Container now, Container asked, MemorySize cap) {
        long lo = 0;
        long hi = WHOLE_SHARE;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (scaled(now, asked, mid, WHOLE_SHARE, false).total().compareTo(cap) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return scaled(now, asked, lo, WHOLE_SHARE, true);
    }

    private static Container scaled(Container now, Container asked, long share, long whole, boolean nice) {
        MemorySize memory = part(now.memory(), asked.memory(), share, whole, nice);
        MemorySize overhead = asked.overheadWritten()
                ? part(now.overhead(), asked.overhead(), share, whole, nice)
                : derivedOverhead(memory, asked.overheadFactor());
        return new Container(memory, overhead, asked.overheadWritten(),
                part(now.pyspark(), asked.pyspark(), share, whole, nice),
                part(now.offHeap(), asked.offHeap(), share, whole, nice), asked.overheadFactor());
    }

    private static MemorySize part(MemorySize now, MemorySize asked, long share, long whole, boolean nice) {
        if (!asked.isGreaterThan(now)) {
            return asked;
        }
        long increase = BigInteger.valueOf(asked.mebibytes() - now.mebibytes()).multiply(BigInteger.valueOf(share))
                .divide(BigInteger.valueOf(whole)).longValueExact();
        MemorySize value = MemorySize.ofMebibytes(now.mebibytes() + increase);
        if (nice) {
            MemorySize rounded = roundDownNice(value);
            if (rounded.isGreaterThan(now)) {
                return rounded;
            }
        }
        return value;
    }

    private static void writeBack(Map<String, String> proposed, String key, MemorySize asked, MemorySize fitted,
                                  MemorySize now, MemorySize cap, List<String> notes) {
        if (!proposed.containsKey(key) || asked.equals(fitted) || !asked.isGreaterThan(now)) {
            return;
        }
        proposed.put(key, fitted.toSparkString());
        notes.add(key + " capped at " + fitted + " instead of " + asked
                + " to keep the executor container within the " + cap + " cap");
    }

    private static void guardSingle(Map<String, String> config, Map<String, String> proposed, String key, MemorySize cap,
                                    String what, List<String> notes) throws Untunable {
        if (!proposed.containsKey(key)) {
            return;
        }
        MemorySize now = memoryOf(config, key);
        MemorySize asked = memoryOf(overlay(config, proposed), key);
        if (!asked.isGreaterThan(cap) || !asked.isGreaterThan(now)) {
            return;
        }
        if (now.compareTo(cap) >= 0) {
            throw new Untunable(what + " already " + (now.equals(cap) ? "at" : "above") + " the " + cap + " cap ("
                    + key + " = " + now + ")");
        }
        proposed.put(key, KNOWN.get(key).kind() == Kind.INTEGER ? Long.toString(cap.mebibytes()) : cap.toSparkString());
        notes.add(key + " capped at " + cap + " instead of " + asked + " (guard rail: " + what + " at most " + cap + ")");
    }

    private static void guardRpcMaxSize(Map<String, String> config, Map<String, String> proposed, List<String> notes)
            throws Untunable {
        if (!proposed.containsKey(RPC_MAX_SIZE)) {
            return;
        }
        long cap = KNOWN.get(RPC_MAX_SIZE).max();
        long now = parseWhole(RPC_MAX_SIZE, config.getOrDefault(RPC_MAX_SIZE, KNOWN.get(RPC_MAX_SIZE).defaultValue()));
        long asked = parseWhole(RPC_MAX_SIZE, proposed.get(RPC_MAX_SIZE));
        if (asked <= cap || asked <= now) {
            return;
        }
        if (now >= cap) {
            throw new Untunable(RPC_MAX_SIZE + " already at Spark's limit of " + cap + " (MiB)");
        }
        proposed.put(RPC_MAX_SIZE, Long.toString(cap));
        notes.add(RPC_MAX_SIZE + " capped at " + cap + " instead of " + asked + " (Spark's limit)");
    }

    private static void noteResultSizeAgainstDriver(Map<String, String> config, Map<String, String> proposed,
                                                    List<String> notes) throws Untunable {
        if (!proposed.containsKey(MAX_RESULT_SIZE)) {
            return;
        }
        Map<String, String> after = overlay(config, proposed);
        MemorySize resultSize = memoryOf(after, MAX_RESULT_SIZE);
        MemorySize driver = memoryOf(after, DRIVER_MEMORY);
        if (resultSize.mebibytes() > 0 && resultSize.compareTo(driver) >= 0) {
            notes.add(MAX_RESULT_SIZE + " (" + resultSize + ") is not below " + DRIVER_MEMORY + " (" + driver
                    + "): the driver may run out of memory collecting results");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // result

    private static Map<String, ConfigChange> changes(Map<String, String> config, Map<String, String> proposed)
            throws Untunable {
        var changes = new TreeMap<String, ConfigChange>();
        for (var entry : proposed.entrySet()) {
            String key = entry.getKey();
            String to = entry.getValue();
            String written = config.get(key);
            String effective = written != null ? written : effectiveDefault(config, key);
            if (effective != null && sameValue(key, effective, to)) {
                continue;
            }
            changes.put(key, new ConfigChange(written, to));
        }
        return changes;
    }

    private static boolean sameValue(String key, String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            KeySpec spec = specFor(key, a);
            return switch (spec.kind()) {
                case MEMORY -> MemorySize.parse(a, spec.bareUnit()).equals(MemorySize.parse(b, spec.bareUnit()));
                case INTEGER, DECIMAL -> new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
                case DURATION -> false;
            };
        } catch (IllegalArgumentException | Untunable e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // reading values

    private enum Kind { MEMORY, INTEGER, DECIMAL, DURATION }

    private record KeySpec(String key, Kind kind, String defaultValue, ByteUnit bareUnit, RoundingMode rounding,
                           long min, long max) {
    }

    private static Map.Entry<String, KeySpec> spec(String key, Kind kind, String defaultValue, ByteUnit bareUnit,
                                                   RoundingMode rounding, long min, long max) {
        return Map.entry(key, new KeySpec(key, kind, defaultValue, bareUnit, rounding, min, max));
    }

    /** The known spec of {@code key}, or one inferred from its value. */
    private static KeySpec specFor(String key, String value) throws Untunable {
        KeySpec known = KNOWN.get(key);
        if (known != null) {
            return known;
        }
        String text = value.strip();
        if (WHOLE.matcher(text).matches()) {
            return new KeySpec(key, Kind.INTEGER, null, MIB, RoundingMode.CEILING, Long.MIN_VALUE, NO_MAX);
        }
        if (DECIMAL.matcher(text).matches()) {
            return new KeySpec(key, Kind.DECIMAL, null, MIB, RoundingMode.CEILING, Long.MIN_VALUE, NO_MAX);
        }
        Matcher m = WITH_UNIT.matcher(text);
        if (m.matches()) {
            String unit = m.group(2).toLowerCase(Locale.ROOT);
            boolean timeUnit = DURATION.matcher("1" + unit).matches();
            String lowerKey = key.toLowerCase(Locale.ROOT);
            boolean timeKey = TIME_HINTS.stream().anyMatch(lowerKey::contains);
            boolean sizeUnit = MIB.tryParse("1" + unit).isPresent(); // b, k/kb … p/pb, as ByteUnit reads them
            if (timeUnit && (timeKey || !sizeUnit)) {
                return new KeySpec(key, Kind.DURATION, null, null, RoundingMode.CEILING, 1, NO_MAX);
            }
            if (sizeUnit) {
                return new KeySpec(key, Kind.MEMORY, null, MIB, RoundingMode.CEILING, 0, NO_MAX);
            }
        }
        throw new Untunable(key + " is '" + value + "', not a number, size or duration: cannot multiply it");
    }

    private static MemorySize memoryOf(Map<String, String> config, String key) throws Untunable {
        KeySpec spec = KNOWN.get(key);
        String text = config.get(key);
        if (text == null) {
            text = spec.defaultValue() == null ? "0" : spec.defaultValue();
        }
        return parseMemory(key, text, spec.bareUnit());
    }

    private static MemorySize parseMemory(String key, String text, ByteUnit bareUnit) throws Untunable {
        try {
            return MemorySize.parse(text, bareUnit);
        } catch (IllegalArgumentException e) {
            throw new Untunable(key + " is '" + text + "', not a memory size (expected e.g. 512m or 8g)");
        }
    }

    private static long parseWhole(String key, String text) throws Untunable {
        if (text != null && WHOLE.matcher(text.strip()).matches()) {
            try {
                return Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                // too large, reported below
            }
        }
        throw new Untunable(key + " is '" + text + "', not a whole number");
    }

    private static BigDecimal parseDecimal(String key, String text) throws Untunable {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new Untunable(key + " is '" + text + "', not a number");
        }
    }

    private static Map<String, String> overlay(Map<String, String> config, Map<String, String> proposed) {
        var merged = new TreeMap<>(config);
        merged.putAll(proposed);
        return merged;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A step that cannot be computed or a guard rail that leaves no room: the result is blocked. */
    private static final class Untunable extends Exception {
        Untunable(String reason) {
            super(reason, null, false, false);
        }
    }
}
