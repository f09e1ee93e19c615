package dev.autoremediate.remediator.overrides;

import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.tuner.MemorySize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How an override decays back toward the owner's configuration when runs show headroom. Pure and deterministic: the
 * next state follows from the override and one outcome.
 *
 * <p>Only the memory settings whose use the outcome's metrics measure decay:
 * <table>
 *   <caption>decaying settings</caption>
 *   <tr><th>setting</th><th>measured by</th><th>against</th></tr>
 *   <tr><td>{@code spark.executor.memory}</td><td>{@code peakExecutorMemoryBytes}</td><td>the setting</td></tr>
 *   <tr><td>{@code spark.executor.memoryOverhead}</td><td>{@code peakExecutorRssBytes}</td><td>the container:
 *       executor memory + overhead</td></tr>
 *   <tr><td>{@code spark.driver.memory}</td><td>{@code peakDriverMemoryBytes}</td><td>the setting</td></tr>
 * </table>
 * Other overridden keys (partitions, timeouts, buffers) have no measure of headroom and stay until cleared.
 *
 * <p>Rules, per setting whose override is above the owner's value:
 * <ul>
 *   <li>a failed run ends every streak (whatever failed: a run that fails is no evidence of headroom);</li>
 *   <li>a successful run that ran with a different value (its reported config says so), or that reports no metric
 *       for the setting, neither extends nor ends the streak;</li>
 *   <li>a successful run whose peak is at most {@code usageThreshold} × the setting (× the container for the
 *       overhead) extends it, one whose peak is above ends it;</li>
 *   <li>after {@code decayRuns} runs in a row, the setting steps down once to
 *       max(setting × {@code stepFactor}, largest peak of the streak × {@code headroom}, the owner's value), rounded up
 *       to a multiple of 256 MiB from 1 GiB (64 MiB below) while that stays below the setting. For the overhead the
 *       peak floor is peak RSS × headroom less the (new) executor memory. The streak starts again.</li>
 *   <li>a setting that reaches the owner's value leaves the override; an override with no values left is no longer
 *       in effect.</li>
 * </ul>
 * An owner's value that is unset counts as Spark's default (1g executor and driver memory; overhead max(384m, 10% of
 * executor memory)).
 */
public final class OverrideDecay {

    static final String EXECUTOR_MEMORY = "spark.executor.memory";
    static final String EXECUTOR_OVERHEAD = "spark.executor.memoryOverhead";
    static final String DRIVER_MEMORY = "spark.driver.memory";

    private static final long MIB = 1L << 20;
    private static final MemorySize SPARK_DEFAULT_MEMORY = MemorySize.ofGibibytes(1);
    private static final long MIN_OVERHEAD_MB = 384;

    /** One setting stepped down. */
    public record Step(String key, String from, String to, String why) {
    }

    /**
     * The override's next values and streaks after one outcome.
     *
     * @param steps what stepped down, empty when nothing did
     */
    public record Result(Map<String, String> values, Map<String, HeadroomStreak> streaks, List<Step> steps) {
    }

    /**
     * The owner's configuration and the override's values as a first attempt's reported configuration shows them.
     *
     * @param caughtUp the override's settings the owner has raised to or past the override's value, now left out
     */
    public record CatchUp(Map<String, String> ownerConfig, Map<String, String> values, List<Step> caughtUp) {
    }

    private final OverrideSettings settings;

    public OverrideDecay(OverrideSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Keeps the owner's configuration current from the configuration a run's <b>first attempt</b> reports (launched
     * from the owner's configuration with the override laid over it; later attempts carry a retry's changes and change
     * nothing here): a key outside the override is the owner's current value; an overridden key reported with another
     * value is the owner's value (the run was launched without the override) and, when it is a size or number at
     * least the override's, the owner has caught up: the key leaves the override.
     */
    public CatchUp catchUp(ConfigOverride override, JobOutcome outcome) {
        var owner = new TreeMap<>(override.ownerConfig());
        var values = new TreeMap<>(override.values());
        var caughtUp = new ArrayList<Step>();
        if (outcome.attempt() != 1 || !override.isActive()) {
            return new CatchUp(owner, values, caughtUp);
        }
        outcome.config().forEach((key, reported) -> {
            String overridden = values.get(key);
            if (overridden == null) {
                owner.put(key, reported);
            } else if (!reported.equals(overridden)) {
                owner.put(key, reported);
                Optional<MemorySize> ran = size(reported);
                Optional<MemorySize> over = size(overridden);
                if (ran.isPresent() && over.isPresent() && ran.get().compareTo(over.get()) >= 0) {
                    values.remove(key);
                    caughtUp.add(new Step(key, overridden, reported, "run " + outcome.runId() + " was launched with "
                            + reported + ", at least the override's " + overridden
                            + ": the owner's configuration has caught up"));
                }
            }
        });
        return new CatchUp(owner, values, caughtUp);
    }

    public Result apply(ConfigOverride override, JobOutcome outcome) {
        var values = new TreeMap<>(override.values());
        var streaks = new TreeMap<>(override.streaks());
        var steps = new ArrayList<Step>();
        if (!settings.decayEnabled() || !override.isActive()) {
            return new Result(values, streaks, steps);
        }
        if (!outcome.succeeded()) {
            return new Result(values, new TreeMap<>(), steps);
        }
        RunMetrics metrics = outcome.metrics() == null ? RunMetrics.empty() : outcome.metrics();
        Map<String, String> ran = override.merged();
        MemorySize ranExecutorMemory = size(ran.get(EXECUTOR_MEMORY)).orElse(SPARK_DEFAULT_MEMORY);

        // executor memory first: the overhead's floor depends on the executor memory after its step
        decay(EXECUTOR_MEMORY, override, outcome, metrics.peakExecutorMemoryBytes(), values, streaks, steps,
                value -> value, peak -> peak, "peak executor heap");
        MemorySize newExecutorMemory = size(values.get(EXECUTOR_MEMORY))
                .or(() -> size(override.ownerConfig().get(EXECUTOR_MEMORY))).orElse(ranExecutorMemory);
        decay(EXECUTOR_OVERHEAD, override, outcome, metrics.peakExecutorRssBytes(), values, streaks, steps,
                value -> value.plus(ranExecutorMemory), need -> need.minus(newExecutorMemory), "peak executor RSS");
        decay(DRIVER_MEMORY, override, outcome, metrics.peakDriverMemoryBytes(), values, streaks, steps,
                value -> value, peak -> peak, "peak driver heap");
        return new Result(values, streaks, steps);
    }

    /**
     * @param capacity what the peak is compared with, from the setting's value (the container for the overhead)
     * @param floorOf  the setting's least value from the streak's peak × headroom
     */
    private void decay(String key, ConfigOverride override, JobOutcome outcome, Long peakBytes, Map<String, String> values,
            Map<String, HeadroomStreak> streaks, List<Step> steps, Function<MemorySize, MemorySize> capacity,
            Function<MemorySize, MemorySize> floorOf, String measure) {
        Optional<MemorySize> value = size(values.get(key));
        Optional<MemorySize> owner = ownerValue(override.ownerConfig(), key);
        if (value.isEmpty() || owner.isEmpty() || !value.get().isGreaterThan(owner.get())) {
            streaks.remove(key);
            return;
        }
        String reported = outcome.config().get(key);
        if (reported != null && !size(reported).equals(value)) {
            return; // the run did not use the override's value: no evidence either way
        }
        if (peakBytes == null || peakBytes < 0) {
            return;
        }
        MemorySize allocated = capacity.apply(value.get());
        HeadroomStreak streak = streaks.getOrDefault(key, HeadroomStreak.NONE);
        if (peakBytes > allocated.mebibytes() * MIB * settings.usageThreshold()) {
            streaks.remove(key);
            return;
        }
        streak = streak.extendedBy(peakBytes);
        if (streak.runs() < settings.decayRuns()) {
            streaks.put(key, streak);
            return;
        }
        streaks.remove(key);
        MemorySize stepped = value.get().times(settings.stepFactor());
        MemorySize needed = floorOf.apply(ofBytesCeil(streak.peakBytes() * settings.headroom()));
        MemorySize target = max(max(stepped, needed), owner.get());
        MemorySize nice = roundUpNice(target);
        if (nice.compareTo(value.get()) < 0) {
            target = nice;
        }
        if (target.compareTo(value.get()) >= 0) {
            return;
        }
        String why = settings.decayRuns() + " successful runs in a row with " + measure + " at most "
                + ofBytesCeil(streak.peakBytes()) + " (at most " + percent(settings.usageThreshold()) + " of "
                + allocated + "): stepped by x" + settings.stepFactor() + ", floor max(owner's " + owner.get()
                + ", peak x " + settings.headroom() + " = " + needed + ")";
        if (target.compareTo(owner.get()) <= 0) {
            values.remove(key);
            steps.add(new Step(key, value.get().toSparkString(), owner.get().toSparkString(),
                    why + "; back to the owner's value"));
        } else {
            values.put(key, target.toSparkString());
            steps.add(new Step(key, value.get().toSparkString(), target.toSparkString(), why));
        }
    }

    private static Optional<MemorySize> ownerValue(Map<String, String> owner, String key) {
        String text = owner.get(key);
        if (text != null) {
            return size(text);
        }
        return switch (key) {
            case EXECUTOR_MEMORY, DRIVER_MEMORY -> Optional.of(SPARK_DEFAULT_MEMORY);
            case EXECUTOR_OVERHEAD -> ownerValue(owner, EXECUTOR_MEMORY)
                    .map(m -> MemorySize.ofMebibytes(Math.max(MIN_OVERHEAD_MB, m.mebibytes() / 10)));
            default -> Optional.empty();
        };
    }

    static Optional<MemorySize> size(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MemorySize.parse(text));
        } catch (IllegalArgumentException notASize) {
            return Optional.empty();
        }
    }

    private static MemorySize ofBytesCeil(double bytes) {
        return MemorySize.ofMebibytes((long) Math.ceil(bytes / MIB));
    }

    /** Up to a multiple of 256 MiB from 1 GiB, of 64 MiB below. */
    static MemorySize roundUpNice(MemorySize size) {
        long unit = size.mebibytes() >= 1024 ? 256 : 64;
        return MemorySize.ofMebibytes((size.mebibytes() + unit - 1) / unit * unit);
    }

    private static MemorySize max(MemorySize a, MemorySize b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
