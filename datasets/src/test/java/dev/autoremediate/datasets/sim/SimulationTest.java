package dev.autoremediate.datasets.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final long SEED = 5;
    private final List<SimJob> jobs = JobPopulation.generate(SEED, 120);
    private final JobPlatform platform = new JobPlatform(SEED);
    private final Simulation simulation = new Simulation(platform, jobs, 20, 4);

    private static RetryStrategy always(String name) {
        return new RetryStrategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
                return Optional.of(Map.of());
            }
        };
    }

    @Test
    void a_report_counts_what_happened_and_the_same_run_gives_the_same_report() {
        StrategyReport report = simulation.run(always("plain"));

        assertThat(report).isEqualTo(simulation.run(always("plain")));
        assertThat(report.runs()).isEqualTo(120L * 20);
        assertThat(report.failuresByCategory().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(report.failures());
        assertThat(report.fixedFailures() + report.doomedFailures() + report.unfixedRetryableFailures())
                .isEqualTo(report.failures());
        // a strategy that always retries spends the whole budget (3 retries) on every doomed run
        assertThat(report.doomedRetries()).isEqualTo(3 * report.doomedFailures());
        assertThat(report.memoryFixedOnFirstRetryShare())
                .isEqualTo((double) report.memoryFixedOnFirstRetry() / report.memoryFailures());
        assertThat(report.retryGbHours()).isPositive().isLessThan(report.totalGbHours());
    }

    @Test
    void every_strategy_meets_the_same_first_failures_and_the_oracle_spends_least_on_retries() {
        StrategyReport plain = simulation.run(always("plain"));
        StrategyReport oracle = simulation.run(new Oracle(platform, jobs, 64 * 1024));

        assertThat(oracle.failuresByCategory()).isEqualTo(plain.failuresByCategory());
        assertThat(oracle.doomedRetries()).isZero();
        assertThat(oracle.doomedRunsNotRetried()).isEqualTo(oracle.doomedFailures());
        assertThat(oracle.memoryFixedOnFirstRetryShare()).isGreaterThan(0.9);
        assertThat(oracle.retryGbHours()).isLessThan(plain.retryGbHours());
    }

    @Test
    void strategies_see_the_jobs_history_newest_first() {
        var seen = new ArrayList<List<JobOutcome>>();
        simulation.run(new RetryStrategy() {
            @Override
            public String name() {
                return "watcher";
            }

            @Override
            public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
                seen.add(history);
                return Optional.empty();
            }
        });
        assertThat(seen).isNotEmpty().allSatisfy(history -> {
            assertThat(history).isNotEmpty();
            JobOutcome newest = history.get(0);
            assertThat(newest.succeeded()).isFalse();
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).finishedAt()).isBeforeOrEqualTo(history.get(i - 1).finishedAt());
            }
        });
    }

    @Test
    void the_retry_budget_stops_a_strategy_that_would_retry_forever() {
        StrategyReport report = new Simulation(platform, jobs, 10, 2).run(always("plain"));
        assertThat(report.doomedRetries()).isEqualTo(report.doomedFailures());
        assertThatThrownBy(() -> new Simulation(platform, jobs, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retry_histories_are_deterministic_and_labelled_by_the_retrys_outcome() {
        List<RetryRecord> records = RetryHistories.generate(SEED, 150, 15, 3);

        assertThat(records).isNotEmpty().isEqualTo(RetryHistories.generate(SEED, 150, 15, 3));
        assertThat(records).allSatisfy(r -> {
            assertThat(RetryHistories.tunable(r.category())).isTrue();
            assertThat(r.retry().attempt()).isEqualTo(2);
            assertThat(r.retry().runId()).isEqualTo(r.failed().job().runId());
            assertThat(r.retry().config()).isNotEqualTo(r.failed().job().config());
            r.lastSuccess().ifPresent(last -> assertThat(last.finishedAt()).isBefore(r.failed().occurredAt()));
        });
        assertThat(records).anyMatch(r -> r.retry().succeeded()).anyMatch(r -> !r.retry().succeeded());
    }
}
