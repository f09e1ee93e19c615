package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.ConfigCandidate;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigSearchTest {

    private static final long GIB = 1L << 30;
    private final ConfigSearch search = new ConfigSearch(GuardRails.DEFAULT, 0.9);

    private static TuningRequest request(FailureEvent event, FailureCategory category, Optional<JobOutcome> last) {
        return TuningRequest.of(event, category, last, List.of(ConfigStep.parse("spark.executor.memory*1.5")));
    }

    private static long mib(String size) {
        return MemorySize.parse(size).mebibytes();
    }

    /** A successful run of the same job with 8g executors whose heap peaked at {@code peakGib}, on 50 GiB input. */
    private static JobOutcome lastSuccess(long peakGib, long inputGib) {
        var metrics = new RunMetrics(inputGib * GIB, 20 * GIB, 20 * GIB, 0L, peakGib * GIB, (peakGib + 1) * GIB, 2 * GIB,
                0L, 1800L, 50, 4000);
        return new JobOutcome(1, "job-1", "job-1/2026-11-21", 1, Instant.parse("2026-11-21T10:00:00Z"), true,
                FailureEvents.sparkConfig(), metrics, null);
    }

    @Test
    void an_executor_oom_gets_the_cheapest_candidate_that_clears_the_bar_and_explains_the_others() {
        TuningChoice choice = search.choose(request(FailureEvents.heapOom("job-1"), FailureCategory.MEMORY_EXECUTOR_OOM,
                Optional.empty()));

        assertThat(choice.result().blocked()).isFalse();
        assertThat(choice.predictedSuccess()).isGreaterThanOrEqualTo(0.9);
        assertThat(choice.predictedCostChange()).isPositive();
        assertThat(choice.method()).contains("heuristic", "no history of the job");
        List<ConfigCandidate> top = choice.candidates();
        assertThat(top).hasSizeBetween(2, ConfigSearch.TOP);
        ConfigCandidate chosen = top.get(0);
        chosen.configChanges().forEach((k, v) -> assertThat(choice.result().changes().get(k).to()).isEqualTo(v));
        for (ConfigCandidate other : top.subList(1, top.size())) {
            if (other.predictedSuccess() >= 0.9) {
                assertThat(other.expectedGbHours()).isGreaterThanOrEqualTo(chosen.expectedGbHours());
            }
        }
        long heap = mib(choice.result().changes().get("spark.executor.memory").to());
        assertThat(heap).isGreaterThan(8 * 1024).isLessThanOrEqualTo(16 * 1024);
    }

    @Test
    void with_the_jobs_last_success_it_sizes_from_the_peak_scaled_by_the_input() {
        FailureEvent event = FailureEvents.heapOom("job-1"); // 50 GiB input, 8g executors, 4 cores
        // last time 40 GiB of input peaked at 7 GiB: the need now is about 300m + (7g / 0.975 - 300m) x 1.25 = 8.9g
        TuningChoice choice = search.choose(request(event, FailureCategory.MEMORY_EXECUTOR_OOM,
                Optional.of(lastSuccess(7, 40))));

        assertThat(choice.method()).contains("last successful run job-1/2026-11-21");
        Map<String, String> chosen = choice.candidates().get(0).configChanges();
        int cores = Integer.parseInt(chosen.getOrDefault("spark.executor.cores", "4"));
        int partitions = Integer.parseInt(chosen.getOrDefault("spark.sql.shuffle.partitions", "200"));
        double perTask = cores / 4.0 * (0.5 + 0.5 * 200 / partitions);
        double equivalentHeap = 300 + (mib(chosen.getOrDefault("spark.executor.memory", "8g")) - 300) / perTask;
        assertThat(equivalentHeap).isBetween(8.9 * 1024, 8.9 * 1024 * 1.25);

        TuningChoice blind = search.choose(request(event, FailureCategory.MEMORY_EXECUTOR_OOM, Optional.empty()));
        assertThat(choice.candidates().get(0).predictedGbHours()).isLessThan(blind.candidates().get(0).predictedGbHours());
    }

    @Test
    void a_container_kill_raises_the_overhead_and_says_so_when_the_step_rail_keeps_it_below_the_bar() {
        // the killed container's RSS was 9 GiB with a 7 GiB heap: about 2.2 GiB off-heap, more than x2 of 1g allows
        TuningChoice choice = search.choose(request(FailureEvents.containerKilled("job-1"),
                FailureCategory.MEMORY_OVERHEAD, Optional.empty()));

        assertThat(choice.result().changes().get("spark.executor.memoryOverhead").to()).isEqualTo("2g");
        assertThat(choice.predictedSuccess()).isLessThan(0.9);
        assertThat(choice.result().notes()).anySatisfy(n -> assertThat(n).contains("no candidate reaches the success bar"));

        var bolder = new ConfigSearch(new GuardRails(64 * 1024, 4.0, 32 * 1024), 0.9);
        TuningChoice wider = bolder.choose(request(FailureEvents.containerKilled("job-1"),
                FailureCategory.MEMORY_OVERHEAD, Optional.empty()));
        assertThat(wider.predictedSuccess()).isGreaterThanOrEqualTo(0.9);
        assertThat(mib(wider.result().changes().get("spark.executor.memoryOverhead").to())).isGreaterThan(2048);
    }

    @Test
    void results_above_max_result_size_raise_it_and_the_driver_with_room_for_them() {
        TuningChoice choice = search.choose(request(FailureEvents.driverOom("job-1"), FailureCategory.MEMORY_DRIVER,
                Optional.empty()));

        assertThat(mib(choice.result().changes().get("spark.driver.maxResultSize").to())).isGreaterThan(1024);
        assertThat(choice.predictedSuccess()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void a_kryo_overflow_raises_the_buffer_and_a_broadcast_timeout_the_timeout_or_disables_the_broadcast() {
        FailureEvent kryo = FailureEvents.spark("job-1", 1, "org.apache.spark.SparkException",
                "Kryo serialization failed: Buffer overflow. Available: 0, required: 1048576. To avoid this, increase "
                        + "spark.kryoserializer.buffer.max value.", null);
        TuningChoice k = search.choose(request(kryo, FailureCategory.SERIALIZATION, Optional.empty()));
        assertThat(k.result().changes()).containsOnlyKeys("spark.kryoserializer.buffer.max");
        assertThat(mib(k.result().changes().get("spark.kryoserializer.buffer.max").to())).isGreaterThan(64);

        FailureEvent broadcast = FailureEvents.spark("job-1", 1, "java.util.concurrent.TimeoutException",
                "Could not execute broadcast in 300 secs. You can increase the timeout for broadcasts via "
                        + "spark.sql.broadcastTimeout or disable broadcast join", null);
        TuningChoice b = search.choose(request(broadcast, FailureCategory.TIMEOUT, Optional.empty()));
        assertThat(b.result().changes()).containsAnyOf(
                Map.entry("spark.sql.autoBroadcastJoinThreshold", new dev.autoremediate.ingest.contract.ConfigChange(null, "-1")),
                Map.entry("spark.sql.broadcastTimeout", new dev.autoremediate.ingest.contract.ConfigChange(null, "600")),
                Map.entry("spark.sql.broadcastTimeout", new dev.autoremediate.ingest.contract.ConfigChange(null, "450")));
    }

    @Test
    void at_the_container_cap_it_shrinks_tasks_instead_of_growing_the_container() {
        var capped = new ConfigSearch(new GuardRails(9 * 1024, 2.0, 32 * 1024), 0.5);
        TuningChoice choice = capped.choose(request(FailureEvents.heapOom("job-1"), FailureCategory.MEMORY_EXECUTOR_OOM,
                Optional.empty()));

        assertThat(choice.result().changes()).doesNotContainKey("spark.executor.memory");
        assertThat(choice.result().changes().keySet()).containsAnyOf("spark.executor.cores", "spark.sql.shuffle.partitions");
    }

    @Test
    void a_team_budget_below_every_candidate_blocks_the_tuning() {
        var thrifty = new ConfigSearch(GuardRails.DEFAULT, 0.9, new TeamBudgets(null, Map.of("team-playback", 1.0)),
                null, CostModel.DEFAULT);
        TuningChoice choice = thrifty.choose(request(FailureEvents.heapOom("job-1"), FailureCategory.MEMORY_EXECUTOR_OOM,
                Optional.empty()));

        assertThat(choice.result().blocked()).isTrue();
        assertThat(choice.result().blockedReason()).contains("budget of team-playback");
        assertThat(new TeamBudgets(5.0, Map.of()).maxRetryGbHours("anyone")).isEqualTo(5.0);
        assertThat(TeamBudgets.UNLIMITED.maxRetryGbHours("anyone")).isInfinite();
    }

    @Test
    void a_model_that_answers_decides_and_one_that_does_not_leaves_it_to_the_heuristics() {
        SuccessEstimator confident = new SuccessEstimator() {
            @Override
            public OptionalDouble estimate(TuningRequest request, Map<String, String> candidate) {
                return OptionalDouble.of(0.97);
            }

            @Override
            public String name() {
                return "model:test";
            }
        };
        var withModel = new ConfigSearch(GuardRails.DEFAULT, 0.9, TeamBudgets.UNLIMITED, confident, CostModel.DEFAULT);
        TuningChoice choice = withModel.choose(request(FailureEvents.heapOom("job-1"), FailureCategory.MEMORY_EXECUTOR_OOM,
                Optional.empty()));
        // every candidate is as likely: the cheapest wins, the smallest step above 8g with the same shape
        assertThat(choice.result().changes()).containsOnlyKeys("spark.executor.memory");
        assertThat(choice.result().changes().get("spark.executor.memory").to()).isEqualTo("8448m");
        assertThat(choice.candidates().get(0).estimator()).isEqualTo("model:test");

        SuccessEstimator silent = new SuccessEstimator() {
            @Override
            public OptionalDouble estimate(TuningRequest request, Map<String, String> candidate) {
                return OptionalDouble.empty();
            }

            @Override
            public String name() {
                return "model:silent";
            }
        };
        var fallback = new ConfigSearch(GuardRails.DEFAULT, 0.9, TeamBudgets.UNLIMITED, silent, CostModel.DEFAULT);
        assertThat(fallback.choose(request(FailureEvents.heapOom("job-1"), FailureCategory.MEMORY_EXECUTOR_OOM,
                Optional.empty())).candidates().get(0).estimator()).isEqualTo("heuristic");
    }

    @Test
    void other_engines_and_categories_get_the_rules_steps_without_a_prediction() {
        FailureEvent spark = FailureEvents.heapOom("job-1");
        Job j = spark.job();
        var mr = new FailureEvent(1, "e", spark.occurredAt(), new Job(j.jobId(), j.runId(), 1, "mapreduce", null, null,
                null, null, Map.of("mapreduce.map.memory.mb", "2048")), spark.failure(), spark.metrics());
        TuningChoice choice = search.choose(TuningRequest.of(mr, FailureCategory.MEMORY_EXECUTOR_OOM, Optional.empty(),
                List.of(ConfigStep.parse("mapreduce.map.memory.mb*1.5"))));
        assertThat(choice.predictedSuccess()).isNull();
        assertThat(choice.result().changes().get("mapreduce.map.memory.mb").to()).isEqualTo("3072");

        TuningChoice fetch = search.choose(TuningRequest.of(FailureEvents.fetchFailed("job-1"),
                FailureCategory.SHUFFLE_FETCH, Optional.empty(), List.of(ConfigStep.parse("spark.sql.shuffle.partitions*2"))));
        assertThat(fetch.predictedSuccess()).isNull();
        assertThat(fetch.result().changes().get("spark.sql.shuffle.partitions").to()).isEqualTo("400");
    }

    @Test
    void an_unreadable_setting_blocks_with_a_reason_naming_it() {
        FailureEvent spark = FailureEvents.heapOom("job-1");
        var config = new TreeMap<>(spark.job().config());
        config.put("spark.executor.memory", "lots");
        TuningChoice choice = search.choose(new TuningRequest(FailureCategory.MEMORY_EXECUTOR_OOM, "spark", null, config,
                spark.metrics(), "java heap space", Optional.empty(), List.of(ConfigStep.parse("spark.executor.memory*1.5"))));
        assertThat(choice.result().blocked()).isTrue();
        assertThat(choice.result().blockedReason()).contains("spark.executor.memory", "lots");
    }

    @Test
    void numbers_in_the_explanations_are_written_as_with_the_root_locale() {
        var random = new java.util.Random(3);
        for (int i = 0; i < 20_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextDouble() * 1e5;
                case 2 -> Math.pow(10, random.nextDouble() * 20 - 10);
                default -> Math.round(random.nextDouble() * 1e4) / 1e4;
            };
            assertThat(ConfigSearch.number(x)).isEqualTo(String.format(java.util.Locale.ROOT, "%.3g", x));
        }
        assertThat(ConfigSearch.number(0.9)).isEqualTo("0.900");
        assertThat(ConfigSearch.number(23.2495)).isEqualTo("23.2");
        assertThat(ConfigSearch.number(12345.0)).isEqualTo("1.23e+04");
    }
}
