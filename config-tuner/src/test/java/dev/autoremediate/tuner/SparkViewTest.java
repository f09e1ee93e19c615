package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SparkViewTest {

    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry(HeuristicTuner.EXECUTOR_MEMORY, List.of("1g", "8g", "1536m", "12288", "4gb")),
            Map.entry(HeuristicTuner.EXECUTOR_OVERHEAD, List.of("384m", "1g", "2048")),
            Map.entry(HeuristicTuner.DRIVER_MEMORY, List.of("2g", "4096m")),
            Map.entry(HeuristicTuner.MAX_RESULT_SIZE, List.of("1g", "0", "4m", "2147483648")),
            Map.entry(HeuristicTuner.EXECUTOR_CORES, List.of("1", "4", "2.0")),
            Map.entry(HeuristicTuner.SHUFFLE_PARTITIONS, List.of("200", "400", " 800 ")),
            Map.entry(SparkView.EXECUTOR_INSTANCES, List.of("2", "50")),
            Map.entry(HeuristicTuner.KRYO_BUFFER_MAX, List.of("64m", "512m")),
            Map.entry(HeuristicTuner.BROADCAST_TIMEOUT, List.of("300", "600s", "10m")),
            Map.entry(SparkView.BROADCAST_THRESHOLD, List.of("10m", "-1")),
            Map.entry("spark.app.name", List.of("x")));

    @Test
    void aViewWithOverridesIsTheViewOfTheMergedConfiguration() {
        var random = new Random(17);
        var keys = List.copyOf(new TreeMap<>(VALUES).keySet());
        for (int i = 0; i < 5_000; i++) {
            Map<String, String> config = randomSettings(random, keys);
            Map<String, String> overrides = randomSettings(random, keys);
            var merged = new TreeMap<>(config);
            merged.putAll(overrides);

            assertThat(SparkView.of(config).with(overrides)).as("%s with %s", config, overrides)
                    .isEqualTo(SparkView.of(merged));
        }
    }

    private static Map<String, String> randomSettings(Random random, List<String> keys) {
        var settings = new TreeMap<String, String>();
        for (String key : keys) {
            if (random.nextInt(3) == 0) {
                List<String> values = VALUES.get(key);
                settings.put(key, values.get(random.nextInt(values.size())));
            }
        }
        return settings;
    }
}
