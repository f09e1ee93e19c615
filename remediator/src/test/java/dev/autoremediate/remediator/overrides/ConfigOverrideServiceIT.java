package dev.autoremediate.remediator.overrides;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Action;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.StoredDecision;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The override store and service against H2 (the embedded default) and a real PostgreSQL server, with the same
 * migrations: overrides are made from successful remediated retries only, served, raised, decayed, cleared, listed,
 * and every change is kept.
 */
class ConfigOverrideServiceIT {

    private static final long GIB = 1L << 30;
    private static final Instant T0 = Instant.parse("2026-11-22T10:20:00Z");
    private final ContractCodec codec = new ContractCodec();
    private final MutableClock clock = new MutableClock(T0);

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("overrides_it");
    }

    /** The parts under test, on one database. */
    private record Fixture(JdbcDecisionStore decisions, JdbcOverrideStore overrides, ConfigOverrideService service) {
    }

    private Fixture fixture(Callable<DataSource> database) throws Exception {
        return fixture(database, OverrideSettings.DEFAULT);
    }

    private Fixture fixture(Callable<DataSource> database, OverrideSettings settings) throws Exception {
        DataSource ds = database.call();
        var decisions = new JdbcDecisionStore(ds, codec, clock);
        var overrides = new JdbcOverrideStore(ds, codec);
        return new Fixture(decisions, overrides, new ConfigOverrideService(overrides, decisions, codec, settings, clock));
    }

    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("databases")
    void a_successful_retry_with_config_makes_its_changes_the_jobs_override(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        FailureEvent failure = FailureEvents.heapOom("job-a");
        Decision d1 = store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        clock.set(T0.plusSeconds(600));

        f.service().onOutcome(success("job-a", failure.job().runId(), 2, T0.plusSeconds(500), Map.of(), null));

        JobConfig config = f.service().config("job-a").orElseThrow();
        assertThat(config.overrideStatus()).isEqualTo("ACTIVE");
        assertThat(config.override()).isEqualTo(Map.of("spark.executor.memory", "12g"));
        assertThat(config.ownerConfig()).isEqualTo(FailureEvents.sparkConfig());
        var expected = new TreeMap<>(FailureEvents.sparkConfig());
        expected.put("spark.executor.memory", "12g");
        assertThat(config.config()).isEqualTo(expected);
        assertThat(config.sourceDecisionId()).isEqualTo(d1.decisionId());
        assertThat(config.sourceRunId()).isEqualTo(failure.job().runId());
        assertThat(config.createdAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(f.service().active("job-a")).hasValueSatisfying(a -> {
            assertThat(a.values()).isEqualTo(Map.of("spark.executor.memory", "12g"));
            assertThat(a.sourceDecisionId()).isEqualTo(d1.decisionId());
        });
        List<OverrideChange> history = f.service().history("job-a", 10);
        assertThat(history).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CREATED);
            assertThat(c.before()).isEmpty();
            assertThat(c.after()).isEqualTo(Map.of("spark.executor.memory", "12g"));
            assertThat(c.decisionId()).isEqualTo(d1.decisionId());
            assertThat(c.actor()).isEqualTo(OverrideChange.SERVICE);
            assertThat(c.reason()).contains("attempt 2").contains(d1.decisionId());
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_redelivered_outcome_changes_nothing(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        FailureEvent failure = FailureEvents.containerKilled("job-b");
        store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memoryOverhead", new ConfigChange("1g", "2g")));
        JobOutcome ok = success("job-b", failure.job().runId(), 2, T0.plusSeconds(500), Map.of(), null);

        f.service().onOutcome(ok);
        long version = f.overrides().find("job-b").orElseThrow().version();
        f.service().onOutcome(ok);

        assertThat(f.overrides().find("job-b").orElseThrow().version()).isEqualTo(version);
        assertThat(f.service().history("job-b", 10)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_remediation_reported_after_a_later_run_is_still_adopted_once(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        FailureEvent day1 = FailureEvents.heapOom("job-l");
        store(f, day1, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        f.service().onOutcome(success("job-l", day1.job().runId(), 2, T0.plusSeconds(100), Map.of(), null));
        // a backfill run's remediation finished at T0+200 but is reported after today's run (T0+900)
        FailureEvent backfill = withRun(FailureEvents.driverOom("job-l"), "job-l/backfill");
        store(f, backfill, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.driver.memory", new ConfigChange("4g", "8g")));
        f.service().onOutcome(success("job-l", "job-l/today", 1, T0.plusSeconds(900), Map.of(), 5 * GIB));
        JobOutcome late = success("job-l", "job-l/backfill", 2, T0.plusSeconds(200), Map.of(), null);

        f.service().onOutcome(late);
        f.service().onOutcome(late); // and again

        ConfigOverride o = f.overrides().find("job-l").orElseThrow();
        assertThat(o.values()).isEqualTo(Map.of("spark.executor.memory", "12g", "spark.driver.memory", "8g"));
        assertThat(o.lastOutcome().runId()).isEqualTo("job-l/today"); // the mark does not go back in time
        assertThat(f.service().history("job-l", 10)).extracting(OverrideChange::kind)
                .containsExactly(ChangeKind.RAISED, ChangeKind.CREATED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void without_a_remediated_retry_the_owners_configuration_stays_as_it_is(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        // a plain retry, a dry run and a refusal, then successes: none makes an override
        FailureEvent transientIo = FailureEvents.s3SlowDown("job-c");
        store(f, transientIo, ActionType.RETRY, DecisionStatus.APPLIED, Map.of());
        FailureEvent dry = FailureEvents.heapOom("job-d");
        store(f, dry, ActionType.RETRY_WITH_CONFIG, DecisionStatus.DRY_RUN,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        FailureEvent sql = FailureEvents.tableNotFound("job-e");
        store(f, sql, ActionType.NO_RETRY, DecisionStatus.APPLIED, Map.of());

        f.service().onOutcome(success("job-c", transientIo.job().runId(), 2, T0.plusSeconds(100), Map.of(), null));
        f.service().onOutcome(success("job-d", dry.job().runId(), 2, T0.plusSeconds(100), Map.of(), null));
        f.service().onOutcome(success("job-e", "job-e/next", 1, T0.plusSeconds(100), Map.of(), null));

        for (String job : List.of("job-c", "job-d", "job-e")) {
            JobConfig config = f.service().config(job).orElseThrow();
            assertThat(config.overrideStatus()).as(job).isEqualTo(JobConfig.NONE);
            assertThat(config.override()).as(job).isEmpty();
            assertThat(config.config()).as(job).isEqualTo(FailureEvents.sparkConfig());
            assertThat(f.overrides().find(job)).as(job).isEmpty();
        }
        assertThat(f.service().config("never-heard-of")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_changes_of_every_remediated_attempt_of_the_run_count_and_what_really_ran_wins(Callable<DataSource> database)
            throws Exception {
        var f = fixture(database);
        FailureEvent first = FailureEvents.heapOom("job-f");
        Decision d1 = store(f, first, ActionType.RETRY_WITH_CONFIG, DecisionStatus.FAILED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        FailureEvent second = withConfig(FailureEvents.attempt(FailureEvents.containerKilled("job-f"), 2),
                Map.of("spark.executor.memory", "12g"));
        Decision d2 = store(f, second, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memoryOverhead", new ConfigChange("1g", "2g")));

        f.service().onOutcome(success("job-f", first.job().runId(), 3, T0.plusSeconds(900),
                Map.of("spark.executor.memory", "12g", "spark.executor.memoryOverhead", "2560m"), null));

        JobConfig config = f.service().config("job-f").orElseThrow();
        assertThat(config.override()).isEqualTo(Map.of("spark.executor.memory", "12g",
                "spark.executor.memoryOverhead", "2560m"));
        assertThat(config.ownerConfig()).isEqualTo(FailureEvents.sparkConfig()); // attempt 1's configuration
        assertThat(config.sourceDecisionId()).isEqualTo(d2.decisionId());
        assertThat(f.service().history("job-f", 10).get(0).reason()).contains("2560m (asked 2g)");
        assertThat(d1.decisionId()).isNotEqualTo(d2.decisionId());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_later_remediation_raises_the_override_and_keeps_its_owner_configuration(Callable<DataSource> database)
            throws Exception {
        var f = fixture(database);
        FailureEvent day1 = FailureEvents.heapOom("job-g");
        store(f, day1, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        f.service().onOutcome(success("job-g", day1.job().runId(), 2, T0.plusSeconds(100), Map.of(), null));
        Instant created = f.overrides().find("job-g").orElseThrow().createdAt();

        // the next day's run, launched with the override, fails on the driver and is fixed
        FailureEvent day2 = withRun(withConfig(FailureEvents.driverOom("job-g"), Map.of("spark.executor.memory", "12g")),
                "job-g/2026-11-23");
        Decision d2 = store(f, day2, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.driver.memory", new ConfigChange("4g", "8g")));
        clock.set(T0.plusSeconds(86_400));
        f.service().onOutcome(success("job-g", "job-g/2026-11-23", 2, T0.plusSeconds(86_000), Map.of(), null));

        ConfigOverride o = f.overrides().find("job-g").orElseThrow();
        assertThat(o.values()).isEqualTo(Map.of("spark.executor.memory", "12g", "spark.driver.memory", "8g"));
        assertThat(o.ownerConfig()).isEqualTo(FailureEvents.sparkConfig());
        assertThat(o.createdAt()).isEqualTo(created);
        assertThat(o.updatedAt()).isEqualTo(T0.plusSeconds(86_400));
        assertThat(o.sourceDecisionId()).isEqualTo(d2.decisionId());
        assertThat(f.service().history("job-g", 10)).extracting(OverrideChange::kind)
                .containsExactly(ChangeKind.RAISED, ChangeKind.CREATED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_cleared_override_records_who_and_why_and_old_outcomes_do_not_bring_it_back(Callable<DataSource> database)
            throws Exception {
        var f = fixture(database);
        FailureEvent failure = FailureEvents.heapOom("job-h");
        store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        JobOutcome ok = success("job-h", failure.job().runId(), 2, T0.plusSeconds(100), Map.of(), null);
        f.service().onOutcome(ok);
        clock.set(T0.plusSeconds(3600));

        JobConfig cleared = f.service().clear("job-h", "alice", "the owner raised the memory in the DAG").orElseThrow();
        f.service().onOutcome(ok); // redelivered

        assertThat(cleared.overrideStatus()).isEqualTo("CLEARED");
        assertThat(cleared.override()).isEmpty();
        assertThat(cleared.config()).isEqualTo(FailureEvents.sparkConfig());
        assertThat(cleared.cleared()).isEqualTo(new JobConfig.Clearance("alice", T0.plusSeconds(3600),
                "the owner raised the memory in the DAG"));
        assertThat(f.service().config("job-h").orElseThrow().overrideStatus()).isEqualTo("CLEARED");
        assertThat(f.service().active("job-h")).isEmpty();
        assertThat(f.service().clear("job-h", "bob", "again")).isEmpty();
        assertThat(f.service().history("job-h", 10)).first().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.CLEARED);
            assertThat(c.actor()).isEqualTo("alice");
            assertThat(c.reason()).isEqualTo("the owner raised the memory in the DAG");
            assertThat(c.before()).isEqualTo(Map.of("spark.executor.memory", "12g"));
            assertThat(c.after()).isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void runs_with_headroom_decay_the_override_back_to_the_owner(Callable<DataSource> database) throws Exception {
        var f = fixture(database, new OverrideSettings(true, 2, 0.6, 1.3, 0.5, 10));
        FailureEvent failure = FailureEvents.heapOom("job-i");
        store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "16g")));
        f.service().onOutcome(success("job-i", failure.job().runId(), 2, T0.plusSeconds(100), Map.of(), null));

        for (int day = 1; day <= 4; day++) {
            f.service().onOutcome(success("job-i", "job-i/day" + day, 1, T0.plusSeconds(86_400L * day),
                    Map.of("spark.executor.memory", day <= 2 ? "16g" : "8g"), 3 * GIB));
        }

        ConfigOverride o = f.overrides().find("job-i").orElseThrow();
        assertThat(o.status()).isEqualTo(OverrideStatus.DECAYED);
        assertThat(o.values()).isEmpty();
        assertThat(f.service().config("job-i").orElseThrow().config()).isEqualTo(FailureEvents.sparkConfig());
        // 16g x 0.5 = 8g = the owner's value after 2 runs with 3g peaks: it expires at once
        assertThat(f.service().history("job-i", 10)).extracting(OverrideChange::kind)
                .containsExactly(ChangeKind.EXPIRED, ChangeKind.CREATED);
        assertThat(f.service().history("job-i", 10).get(0).runId()).isEqualTo("job-i/day2");
        assertThat(o.lastOutcome().runId()).isEqualTo("job-i/day2"); // no longer in effect: later runs change nothing
    }

    @ParameterizedTest
    @MethodSource("databases")
    void when_the_owner_raises_past_the_override_the_owners_value_is_served_and_the_override_ends(
            Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        FailureEvent failure = FailureEvents.heapOom("job-m");
        store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        f.service().onOutcome(success("job-m", failure.job().runId(), 2, T0.plusSeconds(100), Map.of(), null));
        var raised = new TreeMap<>(FailureEvents.sparkConfig());
        raised.put("spark.executor.memory", "16g");
        raised.put("spark.executor.cores", "8");

        f.service().onOutcome(success("job-m", "job-m/next", 1, T0.plusSeconds(86_400), raised, 6 * GIB));

        JobConfig config = f.service().config("job-m").orElseThrow();
        assertThat(config.overrideStatus()).isEqualTo("DECAYED");
        assertThat(config.override()).isEmpty();
        assertThat(config.config()).isEqualTo(raised);
        assertThat(f.service().history("job-m", 1).get(0)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.EXPIRED);
            assertThat(c.reason()).contains("caught up");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void overrides_are_listed_newest_first_in_pages_and_by_status(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        for (int i = 1; i <= 3; i++) {
            FailureEvent failure = FailureEvents.heapOom("job-list-" + i);
            store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                    Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
            clock.set(T0.plusSeconds(60L * i));
            f.service().onOutcome(success(failure.job().jobId(), failure.job().runId(), 2, T0.plusSeconds(i), Map.of(),
                    null));
        }
        clock.set(T0.plusSeconds(3600));
        f.service().clear("job-list-2", "carol", "test");

        var first = f.service().list(null, 0, 2);
        var second = f.service().list(null, 2, 2);
        var active = f.service().list(OverrideStatus.ACTIVE, 0, 10);

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).extracting(ConfigOverride::jobId).containsExactly("job-list-2", "job-list-3");
        assertThat(second.items()).extracting(ConfigOverride::jobId).containsExactly("job-list-1");
        assertThat(active.total()).isEqualTo(2);
        assertThat(active.items()).extracting(ConfigOverride::jobId).containsExactly("job-list-3", "job-list-1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void of_two_concurrent_writers_of_one_version_only_one_wins(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        var base = new ConfigOverride("job-j", OverrideStatus.ACTIVE, Map.of("spark.executor.memory", "12g"),
                Map.of("spark.executor.memory", "8g"), "d", "r", Map.of(), null, T0, T0, null, null, null, 0);
        assertThat(f.overrides().save(base, -1, Optional.empty())).isTrue();
        assertThat(f.overrides().save(base, -1, Optional.empty())).isFalse();
        var pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> write = () -> f.overrides().save(base, 0, Optional.of(new OverrideChange(0, "job-j", T0,
                    ChangeKind.RAISED, Map.of(), Map.of(), null, null, 0, "t", "concurrent")));
            long wins = 0;
            for (var r : pool.invokeAll(java.util.Collections.nCopies(6, write))) {
                wins += r.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(f.overrides().find("job-j").orElseThrow().version()).isEqualTo(1);
        assertThat(f.overrides().history("job-j", 10)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void long_and_hostile_texts_are_stored_safely(Callable<DataSource> database) throws Exception {
        var f = fixture(database);
        FailureEvent failure = FailureEvents.heapOom("job-k'; drop table config_override; --");
        store(f, failure, ActionType.RETRY_WITH_CONFIG, DecisionStatus.APPLIED,
                Map.of("spark.executor.memory", new ConfigChange("8g", "12g")));
        f.service().onOutcome(success(failure.job().jobId(), failure.job().runId(), 2, T0, Map.of(), null));

        String reason = "\u00e9\u4e2d\ud83d\ude00 <script>" + "x".repeat(10_000);
        JobConfig cleared = f.service().clear(failure.job().jobId(), "m".repeat(1000), reason).orElseThrow();

        assertThat(cleared.cleared().reason()).hasSize(JdbcOverrideStore.MAX_CLEARED_REASON).startsWith("\u00e9\u4e2d");
        assertThat(cleared.cleared().by()).hasSize(JdbcOverrideStore.MAX_ACTOR);
        assertThat(f.service().history(failure.job().jobId(), 1).get(0).reason()).hasSize(JdbcOverrideStore.MAX_REASON);
        assertThat(f.service().list(null, 0, 10).total()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------------------

    private Decision store(Fixture f, FailureEvent event, ActionType type, DecisionStatus status,
            Map<String, ConfigChange> changes) {
        var classification = new Classification(FailureCategory.MEMORY_EXECUTOR_OOM, true, 0.9, ClassificationSource.RULE,
                "MEM-001", "abc123", null, "rule MEM-001", List.of("MEM-001"));
        var decision = new Decision(1, "d-" + event.eventId(), event.eventId(), clock.instant(), event.job().jobId(),
                event.job().runId(), event.job().attempt(), classification,
                new Action(type, changes, 60, "because", null, null), status);
        assertThat(f.decisions().insert(new StoredDecision(decision, codec.write(event)), List.of()).isStored()).isTrue();
        return decision;
    }

    private static JobOutcome success(String jobId, String runId, int attempt, Instant at, Map<String, String> config,
            Long peakHeap) {
        return new JobOutcome(1, jobId, runId, attempt, at, true, config,
                new RunMetrics(null, null, null, null, peakHeap, null, null, null, 600L, 10, 100), null);
    }

    private static FailureEvent withConfig(FailureEvent event, Map<String, String> changed) {
        var config = new TreeMap<>(event.job().config());
        config.putAll(changed);
        Job j = event.job();
        return new FailureEvent(1, event.eventId(), event.occurredAt(), new Job(j.jobId(), j.runId(), j.attempt(),
                j.engine(), j.engineVersion(), j.owner(), j.scheduler(), j.tier(), config), event.failure(), event.metrics());
    }

    private static FailureEvent withRun(FailureEvent event, String runId) {
        Job j = event.job();
        return new FailureEvent(1, event.eventId() + "@" + runId, event.occurredAt(), new Job(j.jobId(), runId,
                j.attempt(), j.engine(), j.engineVersion(), j.owner(), j.scheduler(), j.tier(), j.config()),
                event.failure(), event.metrics());
    }
}
