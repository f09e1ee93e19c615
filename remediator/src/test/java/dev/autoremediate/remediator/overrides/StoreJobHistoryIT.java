package dev.autoremediate.remediator.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PeakUsage;
import dev.autoremediate.remediator.service.StoreJobHistory;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.JdbcOutcomeStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store-backed job history the policy and the tuner read, against H2 and PostgreSQL: the last successful
 * configuration, the recent outcomes and their peaks, and the override in effect.
 */
class StoreJobHistoryIT {

    private static final long GIB = 1L << 30;
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final ContractCodec codec = new ContractCodec();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    static Stream<Named<Callable<DataSource>>> databases() {
        return ConfigOverrideServiceIT.databases();
    }

    private static JobOutcome outcome(String job, int day, boolean ok, Map<String, String> config, Long heap, Long rss,
            Long driver) {
        return new JobOutcome(1, job, job + "/day" + day, 1, T0.plusSeconds(86_400L * day), ok, config,
                new RunMetrics(null, null, null, null, heap, rss, driver, null, 600L, 10, 100), null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_history_gives_the_last_success_the_recent_runs_their_peaks_and_the_active_override(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var outcomes = new JdbcOutcomeStore(ds, codec, clock);
        var overrides = new JdbcOverrideStore(ds, codec);
        JobHistory history = new StoreJobHistory(outcomes, overrides, 3);
        outcomes.record(outcome("job-h", 1, true, Map.of("spark.executor.memory", "8g"), 20 * GIB, 30 * GIB, 9 * GIB));
        outcomes.record(outcome("job-h", 2, true, Map.of("spark.executor.memory", "12g"), 7 * GIB, 9 * GIB, null));
        outcomes.record(outcome("job-h", 3, false, Map.of("spark.executor.memory", "12g"), 11 * GIB, null, GIB));
        outcomes.record(outcome("job-h", 4, true, Map.of(), 5 * GIB, 8 * GIB, 2 * GIB));

        assertThat(history.lastSuccessfulConfig("job-h")).contains(Map.of("spark.executor.memory", "12g"));
        assertThat(history.recentOutcomes("job-h")).extracting(JobOutcome::runId)
                .containsExactly("job-h/day4", "job-h/day3", "job-h/day2"); // the 3 most recent
        // day 1's larger peaks are older than the window
        assertThat(history.peakUsage("job-h")).contains(new PeakUsage(11 * GIB, 9 * GIB, 2 * GIB, null, 3));
        assertThat(history.activeOverride("job-h")).isEmpty();
        assertThat(history.peakUsage("never-ran")).isEmpty();

        var active = new ConfigOverride("job-h", OverrideStatus.ACTIVE, Map.of("spark.executor.memory", "12g"),
                Map.of("spark.executor.memory", "8g"), "d-7", "job-h/day1", Map.of(), null, T0, T0, null, null, null, 0);
        overrides.save(active, -1, Optional.empty());
        assertThat(history.activeOverride("job-h")).hasValueSatisfying(o -> {
            assertThat(o.values()).isEqualTo(Map.of("spark.executor.memory", "12g"));
            assertThat(o.sourceDecisionId()).isEqualTo("d-7");
            assertThat(o.updatedAt()).isEqualTo(T0);
        });
        var cleared = new ConfigOverride("job-h", OverrideStatus.CLEARED, Map.of(), active.ownerConfig(), "d-7",
                "job-h/day1", Map.of(), null, T0, T0, T0, "alice", "why", 0);
        overrides.save(cleared, 0, Optional.empty());
        assertThat(history.activeOverride("job-h")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_job_known_only_by_its_outcomes_is_served_its_owners_configuration(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var outcomes = new JdbcOutcomeStore(ds, codec, clock);
        var overrides = new JdbcOverrideStore(ds, codec);
        var service = new ConfigOverrideService(overrides, new JdbcDecisionStore(ds, codec, clock), codec,
                OverrideSettings.DEFAULT, clock);
        outcomes.record(outcome("job-o", 1, true, FailureEvents.sparkConfig(), null, null, null));
        outcomes.record(outcome("job-o", 2, true, Map.of(), null, null, null)); // reports no configuration

        JobConfig config = service.config("job-o").orElseThrow();

        assertThat(config.overrideStatus()).isEqualTo(JobConfig.NONE);
        assertThat(config.config()).isEqualTo(FailureEvents.sparkConfig());
        assertThat(service.config("job-unknown")).isEmpty();
    }
}
