package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.sim.SparkSettings;
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
    void aCandidatesViewAndSettingsAreThoseReadFromItsCompleteConfiguration() {
        var random = new Random(17);
        var keys = List.copyOf(new TreeMap<>(VALUES).keySet());
        for (int i = 0; i < 5_000; i++) {
            Map<String, String> config = randomSettings(random, keys);
            var candidate = new SparkCandidate(config, SparkView.of(config), randomChanges(random));
            Map<String, String> complete = candidate.config();

            assertThat(candidate.view()).as("%s with %s", config, candidate).isEqualTo(SparkView.of(complete));
            assertThat(ModelEstimator.settings(SparkSettings.of(config),
                    config.containsKey(HeuristicTuner.EXECUTOR_OVERHEAD), candidate))
                    .as("%s with %s", config, candidate).isEqualTo(SparkSettings.of(complete));
            assertThat(candidate.text()).isEqualTo(candidate.overrides().toString());
            var merged = new TreeMap<>(config);
            merged.putAll(candidate.overrides());
            assertThat(complete).isEqualTo(merged);
        }
    }

    @Test
    void theSettingsACandidateChangesAreInTheOrderOfTheirKeys() {
        var keys = java.util.Arrays.stream(SparkCandidate.Setting.ALL).map(s -> s.key).toList();
        assertThat(keys).isSorted().doesNotHaveDuplicates();
    }

    /** Changes as the search makes them: whole MiB, whole numbers, -1 for the broadcast threshold. */
    private static long[] randomChanges(Random random) {
        long[] changes = SparkCandidate.noChanges();
        long[] mebibytes = {1, 300, 384, 1024, 1536, 4096, 8448, 9984, 12288, 1L << 20, 3L << 20};
        for (SparkCandidate.Setting s : SparkCandidate.Setting.ALL) {
            if (random.nextInt(3) == 0) {
                changes[s.ordinal()] = switch (s) {
                    case EXECUTOR_CORES -> 1 + random.nextInt(8);
                    case SHUFFLE_PARTITIONS -> 1 + random.nextInt(2000);
                    case BROADCAST_TIMEOUT -> random.nextInt(3600);
                    case BROADCAST_THRESHOLD -> -1;
                    default -> mebibytes[random.nextInt(mebibytes.length)];
                };
            }
        }
        return changes;
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
