package dev.autoremediate.model.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.datasets.sim.RetryHistories;
import dev.autoremediate.datasets.sim.SparkSettings;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetryOutcomeFeaturesTest {

    private static final List<String> SIZES = List.of("512m", "1g", "1536m", "3g", "9984m", "12g", "0", "2047m");
    private static List<RetryCase> cases;

    /** The simulator's retries, and each failure again with random candidates (every knob, unset keys, defaults). */
    @BeforeAll
    static void cases() {
        var random = new Random(5);
        cases = new ArrayList<>();
        for (OutcomeExample e : OutcomeExample.fromSimulator(RetryHistories.generate(11, 200, 20, 2))) {
            cases.add(e.asCase());
            for (int i = 0; i < 3; i++) {
                var candidate = new TreeMap<>(e.failed().job().config());
                candidate.putAll(randomChanges(random));
                cases.add(RetryCase.of(e.failed(), e.category(), candidate, e.lastSuccess()));
            }
        }
        FailureEvent oom = FailureEvents.heapOom("job-1");
        for (FailureCategory category : RetryOutcomeFeatures.COVERED) {
            for (int i = 0; i < 50; i++) {
                var candidate = new TreeMap<>(oom.job().config());
                candidate.putAll(randomChanges(random));
                cases.add(RetryCase.of(oom, category, candidate, Optional.empty()));
            }
        }
    }

    private static Map<String, String> randomChanges(Random random) {
        var changes = new TreeMap<String, String>();
        for (String key : List.of(SparkSettings.EXECUTOR_MEMORY, SparkSettings.EXECUTOR_OVERHEAD,
                SparkSettings.DRIVER_MEMORY, SparkSettings.MAX_RESULT_SIZE, SparkSettings.KRYO_BUFFER_MAX)) {
            if (random.nextInt(3) == 0) {
                changes.put(key, SIZES.get(random.nextInt(SIZES.size())));
            }
        }
        if (random.nextInt(3) == 0) {
            changes.put(SparkSettings.EXECUTOR_CORES, Integer.toString(1 + random.nextInt(8)));
        }
        if (random.nextInt(3) == 0) {
            changes.put(SparkSettings.SHUFFLE_PARTITIONS, Integer.toString(100 + random.nextInt(800)));
        }
        if (random.nextInt(4) == 0) {
            changes.put(SparkSettings.BROADCAST_TIMEOUT, Integer.toString(100 + random.nextInt(900)));
        }
        if (random.nextInt(4) == 0) {
            changes.put(SparkSettings.BROADCAST_THRESHOLD, "-1");
        }
        return changes;
    }

    @Test
    void the_features_computed_by_slot_are_the_named_features_of_the_reference_extraction() {
        var features = new RetryOutcomeFeatures();
        var reference = new RetryOutcomeFeaturesReference();
        int withHistory = 0;
        for (RetryCase c : cases) {
            assertThat(features.extract(c)).as("%s", c).isEqualTo(reference.extract(c));
            withHistory += c.lastSuccess().isPresent() ? 1 : 0;
        }
        assertThat(cases).hasSizeGreaterThan(1_000);
        assertThat(withHistory).isGreaterThan(cases.size() / 3);
    }

    @Test
    void scoring_settings_made_from_numbers_gives_the_probability_of_the_complete_configuration() {
        RetryOutcomeModel model = RetryOutcomeModel.bundled();
        int answered = 0;
        for (RetryCase c : cases) {
            var scores = model.successProbabilities(c);
            if (scores.failedSettings() == null) {
                assertThat(model.successProbability(c)).isEmpty();
                continue;
            }
            assertThat(scores.failedSettings()).isEqualTo(SparkSettings.of(c.failedConfig()));
            assertThat(scores.probability(SparkSettings.of(c.candidate()))).as("%s", c)
                    .isEqualTo(model.successProbability(c)).isEqualTo(scores.apply(c.candidate()));
            answered++;
        }
        assertThat(answered).isGreaterThan(cases.size() / 2);
    }
}
