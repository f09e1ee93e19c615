package dev.autoremediate.tuner;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One candidate configuration of {@link ConfigSearch}: the failed attempt's configuration with some of the Spark
 * settings the search works on changed. The changes are held as numbers, with the {@link SparkView view} they give;
 * their text ({@link #overrides()}) and the complete configuration ({@link #config()}) are written only when asked,
 * which the search does for the few candidates a decision lists. Not thread-safe (the text is cached): a candidate
 * belongs to the search that made it.
 */
public final class SparkCandidate {

    /** The settings a candidate changes, in the order of their keys (the order of a sorted map of them). */
    enum Setting {
        MAX_RESULT_SIZE(HeuristicTuner.MAX_RESULT_SIZE, true),
        DRIVER_MEMORY(HeuristicTuner.DRIVER_MEMORY, true),
        EXECUTOR_CORES(HeuristicTuner.EXECUTOR_CORES, false),
        EXECUTOR_MEMORY(HeuristicTuner.EXECUTOR_MEMORY, true),
        EXECUTOR_OVERHEAD(HeuristicTuner.EXECUTOR_OVERHEAD, true),
        KRYO_BUFFER_MAX(HeuristicTuner.KRYO_BUFFER_MAX, true),
        BROADCAST_THRESHOLD(SparkView.BROADCAST_THRESHOLD, false),
        BROADCAST_TIMEOUT(HeuristicTuner.BROADCAST_TIMEOUT, false),
        SHUFFLE_PARTITIONS(HeuristicTuner.SHUFFLE_PARTITIONS, false);

        static final Setting[] ALL = values();

        final String key;
        private final boolean memory;

        Setting(String key, boolean memory) {
            this.key = key;
            this.memory = memory;
        }

        /** The value as the configuration writes it: a memory size in MiB as Spark's size text, else the number. */
        String text(long value) {
            return appendText(new StringBuilder(8), value).toString();
        }

        StringBuilder appendText(StringBuilder sb, long value) {
            return memory ? MemorySize.appendSparkString(sb, value) : sb.append(value);
        }
    }

    /** A setting the changes leave as it is. */
    static final long UNSET = Long.MIN_VALUE;

    private final Map<String, String> failedConfig;
    private final long[] changes;
    private final SparkView view;
    private String text;

    /**
     * @param failedConfig the failed attempt's configuration
     * @param failed       its view
     * @param changes      by {@link Setting} ordinal: the new value (memory in MiB, timeouts in seconds, -1 for a
     *                     broadcast threshold that disables the join), or {@link #UNSET}; kept, not copied
     */
    SparkCandidate(Map<String, String> failedConfig, SparkView failed, long[] changes) {
        this.failedConfig = failedConfig;
        this.changes = changes;
        this.view = failed.with(changes);
    }

    /** Changes that change nothing: to be filled in. */
    static long[] noChanges() {
        long[] changes = new long[Setting.ALL.length];
        Arrays.fill(changes, UNSET);
        return changes;
    }

    /** Whether this candidate changes {@code setting}. */
    boolean changes(Setting setting) {
        return changes[setting.ordinal()] != UNSET;
    }

    /** The new value of a setting it {@link #changes}. */
    long change(Setting setting) {
        return changes[setting.ordinal()];
    }

    /** The view of the candidate's configuration (the same as {@code SparkView.of(config())}). */
    SparkView view() {
        return view;
    }

    /** The changed keys with their new values as the configuration writes them, sorted by key. */
    public Map<String, String> overrides() {
        var overrides = new TreeMap<String, String>();
        for (Setting s : Setting.ALL) {
            if (changes(s)) {
                overrides.put(s.key, s.text(change(s)));
            }
        }
        return Collections.unmodifiableSortedMap(overrides);
    }

    /** The complete configuration of the retry: the failed attempt's with the {@link #overrides()}. */
    public Map<String, String> config() {
        var config = new TreeMap<>(failedConfig);
        config.putAll(overrides());
        return config;
    }

    /** The same as {@code overrides().toString()}; made once, without the map. */
    String text() {
        if (text == null) {
            var sb = new StringBuilder(128).append('{');
            for (Setting s : Setting.ALL) {
                if (changes(s)) {
                    s.appendText((sb.length() == 1 ? sb : sb.append(", ")).append(s.key).append('='), change(s));
                }
            }
            text = sb.append('}').toString();
        }
        return text;
    }

    @Override
    public String toString() {
        return text();
    }
}
