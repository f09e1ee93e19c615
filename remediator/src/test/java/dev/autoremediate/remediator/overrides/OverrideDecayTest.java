package dev.autoremediate.remediator.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Decay of overrides, driven by sequences of job outcomes. */
class OverrideDecayTest {

    private static final long GIB = 1L << 30;
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    private static final Map<String, String> OWNER = Map.of("spark.executor.memory", "8g",
            "spark.executor.memoryOverhead", "1g", "spark.driver.memory", "4g", "spark.sql.shuffle.partitions", "200");

    private final OverrideDecay decay = new OverrideDecay(OverrideSettings.DEFAULT);
    private int runNo;

    private static ConfigOverride override(Map<String, String> values) {
        return new ConfigOverride("job-1", OverrideStatus.ACTIVE, values, OWNER, "d-1", "job-1/r0", Map.of(), null, T0,
                T0, null, null, null, 0);
    }

    private JobOutcome success(Long heap, Long rss, Long driver) {
        return outcome(true, Map.of(), heap, rss, driver);
    }

    private JobOutcome outcome(boolean succeeded, Map<String, String> config, Long heap, Long rss, Long driver) {
        runNo++;
        var metrics = new RunMetrics(null, null, null, null, heap, rss, driver, null, 600L, 10, 100);
        return new JobOutcome(1, "job-1", "job-1/r" + runNo, 1, T0.plusSeconds(3600L * runNo), succeeded, config,
                metrics, null);
    }

    /** Applies the outcomes in order; returns the override's values after each. */
    private List<Map<String, String>> replay(ConfigOverride start, List<JobOutcome> outcomes, OverrideDecay with) {
        var trace = new ArrayList<Map<String, String>>();
        ConfigOverride o = start;
        for (JobOutcome outcome : outcomes) {
            var r = with.apply(o, outcome);
            o = o.with(r.values().isEmpty() ? OverrideStatus.DECAYED : OverrideStatus.ACTIVE, r.values(), r.streaks(),
                    null, outcome.finishedAt());
            trace.add(new TreeMap<>(o.values()));
        }
        return trace;
    }

    private List<JobOutcome> successes(int n, Long heap, Long rss, Long driver) {
        var list = new ArrayList<JobOutcome>();
        for (int i = 0; i < n; i++) {
            list.add(success(heap, rss, driver));
        }
        return list;
    }

    @Test
    void five_runs_well_below_the_override_step_it_down_by_the_factor_and_no_sooner() {
        var trace = replay(override(Map.of("spark.executor.memory", "16g")), successes(5, 6 * GIB, null, null), decay);

        assertThat(trace.subList(0, 4)).allSatisfy(v -> assertThat(v).containsEntry("spark.executor.memory", "16g"));
        // 16g x 0.8 = 12.8g, rounded up to a multiple of 256 MiB; above the floor max(owner 8g, 6g x 1.3)
        assertThat(trace.get(4)).containsEntry("spark.executor.memory", "13g");
    }

    @Test
    void steady_headroom_walks_the_override_back_to_the_owner_and_then_it_expires() {
        var trace = replay(override(Map.of("spark.executor.memory", "16g")), successes(25, 4 * GIB, null, null), decay);

        assertThat(trace.get(4)).containsEntry("spark.executor.memory", "13g");
        assertThat(trace.get(9)).containsEntry("spark.executor.memory", "10752m");   // 13g x 0.8 -> 10.5g
        assertThat(trace.get(14)).containsEntry("spark.executor.memory", "8704m");   // 10.5g x 0.8 -> 8.5g
        assertThat(trace.get(19)).isEmpty();  // 8.5g x 0.8 < owner's 8g: back to the owner's value
        assertThat(trace.get(24)).isEmpty();
    }

    @Test
    void decay_stops_where_the_peak_is_no_longer_well_below_the_setting() {
        var trace = replay(override(Map.of("spark.executor.memory", "16g")), successes(30, 6 * GIB, null, null), decay);

        assertThat(trace.get(14)).containsEntry("spark.executor.memory", "8704m");
        assertThat(trace.get(29)).containsEntry("spark.executor.memory", "8704m"); // 6g is 70% of 8.5g: no headroom
    }

    @Test
    void a_run_near_the_limit_restarts_the_count() {
        var outcomes = new ArrayList<JobOutcome>(successes(4, 6 * GIB, null, null));
        outcomes.add(success(10 * GIB, null, null)); // above 60% of 16g
        outcomes.addAll(successes(4, 6 * GIB, null, null));
        outcomes.add(success(6 * GIB, null, null));

        var trace = replay(override(Map.of("spark.executor.memory", "16g")), outcomes, decay);

        assertThat(trace.subList(0, 9)).allSatisfy(v -> assertThat(v).containsEntry("spark.executor.memory", "16g"));
        assertThat(trace.get(9)).containsEntry("spark.executor.memory", "13g");
    }

    @Test
    void a_failed_run_restarts_the_count() {
        var outcomes = new ArrayList<JobOutcome>(successes(4, 6 * GIB, null, null));
        outcomes.add(outcome(false, Map.of(), 2 * GIB, null, null));
        outcomes.addAll(successes(4, 6 * GIB, null, null));

        var trace = replay(override(Map.of("spark.executor.memory", "16g")), outcomes, decay);

        assertThat(trace).allSatisfy(v -> assertThat(v).containsEntry("spark.executor.memory", "16g"));
    }

    @Test
    void runs_without_the_metric_or_with_another_value_neither_count_nor_break_the_count() {
        var outcomes = new ArrayList<JobOutcome>(successes(2, 6 * GIB, null, null));
        outcomes.add(success(null, 5 * GIB, null));                                           // no heap metric
        outcomes.add(outcome(true, Map.of("spark.executor.memory", "8g"), 2 * GIB, null, null)); // ran without it
        outcomes.addAll(successes(2, 6 * GIB, null, null));
        outcomes.add(success(6 * GIB, null, null));

        var trace = replay(override(Map.of("spark.executor.memory", "16g")), outcomes, decay);

        assertThat(trace.subList(0, 6)).allSatisfy(v -> assertThat(v).containsEntry("spark.executor.memory", "16g"));
        assertThat(trace.get(6)).containsEntry("spark.executor.memory", "13g");
    }

    @Test
    void a_step_never_goes_below_the_observed_peak_times_the_headroom() {
        var deep = new OverrideDecay(new OverrideSettings(true, 3, 0.6, 1.3, 0.5, 10));
        // peaks up to 9.5g stay below 60% of 16g; 16g x 0.5 = 8g would leave no room: the floor is 9.5g x 1.3
        var outcomes = List.of(success(7 * GIB, null, null), success(19 * GIB / 2, null, null),
                success(8 * GIB, null, null));

        var trace = replay(override(Map.of("spark.executor.memory", "16g")), outcomes, deep);

        assertThat(trace.get(2)).containsEntry("spark.executor.memory", "12800m"); // 12.35g up to a multiple of 256m
    }

    @Test
    void a_step_never_goes_below_the_owner_and_stops_there() {
        var trace = replay(override(Map.of("spark.executor.memory", "9g", "spark.sql.shuffle.partitions", "400")),
                successes(5, 2 * GIB, null, null), decay);

        assertThat(trace.get(4)).doesNotContainKey("spark.executor.memory")
                .containsEntry("spark.sql.shuffle.partitions", "400"); // no measure of headroom: it stays
    }

    @Test
    void the_overhead_decays_against_the_container_and_the_driver_against_its_heap() {
        // container 8g + 4g = 12g; RSS 6g is 50% of it. Driver 8g; heap 2g is 25% of it.
        var trace = replay(override(Map.of("spark.executor.memoryOverhead", "4g", "spark.driver.memory", "8g")),
                successes(5, 5 * GIB, 6 * GIB, 2 * GIB), decay);

        assertThat(trace.get(3)).containsEntry("spark.executor.memoryOverhead", "4g").containsEntry("spark.driver.memory", "8g");
        assertThat(trace.get(4)).containsEntry("spark.executor.memoryOverhead", "3328m")  // 4g x 0.8 -> 3.25g
                .containsEntry("spark.driver.memory", "6656m");                            // 8g x 0.8 -> 6.5g
    }

    @Test
    void the_overhead_keeps_room_for_the_peak_rss_over_the_executor_memory() {
        // RSS 7g <= 60% of 8g + 4g; floor 7g x 1.3 - 8g = 1.1g; 4g x 0.25 = 1g would be below it
        var deep = new OverrideDecay(new OverrideSettings(true, 2, 0.6, 1.3, 0.25, 10));

        var trace = replay(override(Map.of("spark.executor.memoryOverhead", "4g")), successes(2, null, 7 * GIB, null), deep);

        assertThat(trace.get(1)).containsEntry("spark.executor.memoryOverhead", "1280m"); // 1127m up to 256m steps
    }

    @Test
    void with_decay_off_nothing_changes() {
        var off = new OverrideDecay(new OverrideSettings(false, 5, 0.6, 1.3, 0.8, 10));

        var trace = replay(override(Map.of("spark.executor.memory", "16g")), successes(12, GIB, null, null), off);

        assertThat(trace).allSatisfy(v -> assertThat(v).containsEntry("spark.executor.memory", "16g"));
    }

    @Test
    void a_first_attempt_keeps_the_owners_configuration_current_and_a_raise_past_the_override_ends_that_key() {
        var o = override(Map.of("spark.executor.memory", "12g", "spark.executor.memoryOverhead", "2g"));
        // the owner raised executor memory to 16g and the driver to 6g; the run had the override's overhead
        JobOutcome run = outcome(true, Map.of("spark.executor.memory", "16g", "spark.executor.memoryOverhead", "2g",
                "spark.driver.memory", "6g"), null, null, null);

        var catchUp = decay.catchUp(o, run);

        assertThat(catchUp.values()).isEqualTo(Map.of("spark.executor.memoryOverhead", "2g"));
        assertThat(catchUp.ownerConfig()).containsEntry("spark.executor.memory", "16g")
                .containsEntry("spark.driver.memory", "6g").containsEntry("spark.executor.memoryOverhead", "1g");
        assertThat(catchUp.caughtUp()).singleElement().satisfies(step -> {
            assertThat(step.key()).isEqualTo("spark.executor.memory");
            assertThat(step.why()).contains("caught up");
        });
    }

    @Test
    void a_run_launched_without_the_override_tells_the_owners_value_but_keeps_the_override() {
        var o = override(Map.of("spark.executor.memory", "12g"));

        var catchUp = decay.catchUp(o, outcome(true, Map.of("spark.executor.memory", "10g"), null, null, null));

        assertThat(catchUp.values()).isEqualTo(Map.of("spark.executor.memory", "12g"));
        assertThat(catchUp.ownerConfig()).containsEntry("spark.executor.memory", "10g");
        assertThat(catchUp.caughtUp()).isEmpty();
    }

    @Test
    void a_later_attempt_carries_a_retrys_changes_and_tells_nothing_of_the_owner() {
        var o = override(Map.of("spark.executor.memory", "12g"));
        JobOutcome retry = new JobOutcome(1, "job-1", "job-1/x", 2, T0, true, Map.of("spark.executor.memory", "18g",
                "spark.driver.memory", "9g"), null, null);

        var catchUp = decay.catchUp(o, retry);

        assertThat(catchUp.values()).isEqualTo(o.values());
        assertThat(catchUp.ownerConfig()).isEqualTo(OWNER);
    }

    @Test
    void settings_out_of_range_are_refused_with_the_key_named() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OverrideSettings(true, 0, 0.6, 1.3, 0.8, 10))
                .hasMessageContaining("autoremediate.overrides.decay.runs");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OverrideSettings(true, 5, 0.6, 1.3, 1.0, 10))
                .hasMessageContaining("step-factor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OverrideSettings(true, 5, 1.5, 1.3, 0.8, 10))
                .hasMessageContaining("usage-threshold");
    }
}
