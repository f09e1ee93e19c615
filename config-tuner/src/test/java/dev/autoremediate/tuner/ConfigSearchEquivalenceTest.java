package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.datasets.sim.RetryHistories;
import dev.autoremediate.datasets.sim.RetryRecord;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search with its candidates as numbers makes the same choices, to the last digit and word, as the search that
 * wrote every candidate as text and read it back ({@link ConfigSearchReference}): on the simulator's failures with
 * their histories, on the typical failures and on random configurations, with the bundled outcome model, with the
 * heuristics alone, with an estimator that answers only through {@link SuccessEstimator#estimate}, under tight and
 * wide rails, budgets and bars.
 */
class ConfigSearchEquivalenceTest {

    private static final long GIB = 1L << 30;
    private static final List<ConfigStep> STEPS = List.of(ConfigStep.parse("spark.executor.memory*1.5"));
    private static final List<FailureCategory> SEARCHED = List.of(FailureCategory.MEMORY_EXECUTOR_OOM,
            FailureCategory.MEMORY_OVERHEAD, FailureCategory.MEMORY_DRIVER, FailureCategory.SERIALIZATION,
            FailureCategory.TIMEOUT);
    private static final String[] TEXTS = {"java.lang.OutOfMemoryError: Java heap space",
            "Container killed by YARN for exceeding memory limits",
            "Total size of serialized results of 412 tasks is bigger than spark.driver.maxResultSize (1024.0 MiB)",
            "Kryo serialization failed: Buffer overflow", "Could not execute broadcast in 300 secs"};

    private static List<TuningRequest> requests;

    @BeforeAll
    static void requests() {
        requests = new ArrayList<>();
        for (RetryRecord r : RetryHistories.generate(23, 400, 20, 1)) {
            requests.add(TuningRequest.of(r.failed(), r.category(), r.lastSuccess(), STEPS));
        }
        var random = new Random(29);
        for (int i = 0; i < 400; i++) {
            FailureCategory category = SEARCHED.get(random.nextInt(SEARCHED.size()));
            Map<String, String> config = randomConfig(random);
            RunMetrics metrics = randomMetrics(random);
            Optional<JobOutcome> last = random.nextInt(3) == 0 ? Optional.empty()
                    : Optional.of(new JobOutcome(1, "job-1", "job-1/2026-11-21", 1, Instant.parse("2026-11-21T10:00:00Z"),
                            true, random.nextBoolean() ? config : randomConfig(random),
                            random.nextInt(4) == 0 ? null : randomMetrics(random), null));
            String text = TEXTS[random.nextInt(TEXTS.length)] + (random.nextBoolean() ? " kryo broadcast" : "");
            requests.add(new TuningRequest(category, random.nextInt(10) == 0 ? "databricks" : "spark",
                    random.nextBoolean() ? "team-playback" : null, config, metrics, text, last, STEPS));
        }
        for (FailureEvent e : List.of(FailureEvents.heapOom("job-1"), FailureEvents.containerKilled("job-1"),
                FailureEvents.driverOom("job-1"))) {
            for (FailureCategory category : SEARCHED) {
                requests.add(TuningRequest.of(e, category, Optional.empty(), STEPS));
            }
        }
    }

    private static Map<String, String> randomConfig(Random random) {
        var config = new TreeMap<String, String>();
        String[] heaps = {"1g", "2g", "4g", "6g", "8g", "12g", "1536m", "20g", "8192"};
        config.put("spark.executor.memory", heaps[random.nextInt(heaps.length)]);
        if (random.nextBoolean()) {
            config.put("spark.executor.memoryOverhead", new String[] {"384m", "512m", "1g", "2g", "3g"}[random.nextInt(5)]);
        }
        if (random.nextInt(4) != 0) {
            config.put("spark.executor.cores", Integer.toString(1 + random.nextInt(8)));
        }
        if (random.nextBoolean()) {
            config.put("spark.driver.memory", new String[] {"1g", "2g", "4g", "8g", "30g"}[random.nextInt(5)]);
        }
        if (random.nextInt(3) == 0) {
            config.put("spark.driver.maxResultSize", new String[] {"0", "512m", "1g", "2g", "4m"}[random.nextInt(5)]);
        }
        if (random.nextBoolean()) {
            config.put("spark.sql.shuffle.partitions", Integer.toString(50 + random.nextInt(1000)));
        }
        if (random.nextInt(3) == 0) {
            config.put("spark.kryoserializer.buffer.max", new String[] {"64m", "128m", "1g", "1500m"}[random.nextInt(4)]);
        }
        if (random.nextInt(3) == 0) {
            config.put("spark.sql.broadcastTimeout", new String[] {"1", "300", "600s", "10m"}[random.nextInt(4)]);
        }
        if (random.nextInt(5) == 0) {
            config.put("spark.sql.autoBroadcastJoinThreshold", random.nextBoolean() ? "-1" : "10m");
        }
        if (random.nextInt(4) == 0) {
            config.put("spark.executor.instances", Integer.toString(1 + random.nextInt(100)));
        }
        return config;
    }

    private static RunMetrics randomMetrics(Random random) {
        if (random.nextInt(5) == 0) {
            return RunMetrics.empty();
        }
        long heap = (1 + random.nextInt(16)) * GIB;
        return new RunMetrics((1 + random.nextInt(200)) * GIB, 20 * GIB, random.nextBoolean() ? 20 * GIB : null,
                random.nextBoolean() ? (long) random.nextInt(30) * GIB : 0L, heap, heap + random.nextInt(4) * GIB,
                (1 + random.nextInt(8)) * GIB, random.nextBoolean() ? (long) random.nextInt(3000) << 20 : null,
                random.nextBoolean() ? 60L + random.nextInt(7200) : null, 50, 4000);
    }

    /** Answers through {@link SuccessEstimator#estimate} only, and not for every candidate. */
    private static final SuccessEstimator PICKY = new SuccessEstimator() {
        @Override
        public OptionalDouble estimate(TuningRequest request, Map<String, String> candidate) {
            int h = candidate.hashCode();
            return h % 3 == 0 ? OptionalDouble.empty() : OptionalDouble.of(0.5 + Math.floorMod(h, 50) / 100.0);
        }

        @Override
        public String name() {
            return "model:picky";
        }
    };

    @Test
    void with_the_bundled_outcome_model_the_choices_are_the_references() {
        SuccessEstimator model = new ModelEstimator(RetryOutcomeModel.bundled());
        assertSameChoices(GuardRails.DEFAULT, 0.9, TeamBudgets.UNLIMITED, model);
        assertSameChoices(new GuardRails(9 * 1024, 2.0, 32 * 1024), 0.5, new TeamBudgets(40.0, Map.of()), model);
    }

    @Test
    void with_the_heuristics_alone_the_choices_are_the_references() {
        assertSameChoices(GuardRails.DEFAULT, 0.9, TeamBudgets.UNLIMITED, null);
        assertSameChoices(new GuardRails(64 * 1024, 4.0, 32 * 1024), 0.8, new TeamBudgets(null,
                Map.of("team-playback", 25.0)), null);
    }

    @Test
    void with_an_estimator_that_answers_only_for_configurations_the_choices_are_the_references() {
        assertSameChoices(GuardRails.DEFAULT, 0.9, TeamBudgets.UNLIMITED, PICKY);
    }

    private static void assertSameChoices(GuardRails rails, double bar, TeamBudgets budgets, SuccessEstimator model) {
        var search = new ConfigSearch(rails, bar, budgets, model, CostModel.DEFAULT);
        var reference = new ConfigSearchReference(rails, bar, budgets, model, CostModel.DEFAULT);
        int searched = 0;
        for (TuningRequest r : requests) {
            TuningChoice expected = reference.choose(r);
            TuningChoice actual = search.choose(r);
            assertThat(actual).as("%s", r).isEqualTo(expected);
            assertThat(actual.toString()).isEqualTo(expected.toString());
            searched += expected.method().startsWith("the rule's steps") ? 0 : 1;
        }
        assertThat(searched).as("searched of %d", requests.size()).isGreaterThan(requests.size() * 2 / 3);
    }

    @Test
    void the_candidates_are_the_references_own_changes_over_the_companions_in_the_same_order() {
        var search = new ConfigSearch(GuardRails.DEFAULT, 0.9);
        var reference = new ConfigSearchReference(GuardRails.DEFAULT, 0.9, TeamBudgets.UNLIMITED, null,
                CostModel.DEFAULT);
        int compared = 0;
        for (TuningRequest r : requests) {
            SparkView now;
            try {
                now = SparkView.of(r.config());
            } catch (IllegalArgumentException unreadable) {
                continue;
            }
            Map<String, String> companions = ConfigSearchReference.companions(r, now, 2.0);
            List<String> expected = reference.candidates(r, now).stream().map(own -> {
                var merged = new TreeMap<>(companions);
                merged.putAll(own);
                return merged.toString();
            }).toList();
            List<String> actual = search.candidates(r, now, HeuristicEstimator.companions(r, now, 2.0)).stream()
                    .map(changes -> new SparkCandidate(r.config(), now, changes).text()).toList();
            assertThat(actual).as("%s", r).isEqualTo(expected);
            compared += expected.size();
        }
        assertThat(compared).isGreaterThan(10_000);
    }
}
