package dev.autoremediate.remediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.policy.BreakerTrip;
import dev.autoremediate.remediator.policy.GuardPause;
import dev.autoremediate.remediator.policy.RateBudget;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On-call's controls of the guard in the store (V13: the manual pause's row of {@code breaker_trip} and the trip's
 * {@code cleared_ms}) against H2 and a real PostgreSQL server, with the service's migrations: guards over one database
 * stand for instances of the service.
 */
class JdbcGuardControlsIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T03:00:10Z"));
    private final Instant start = clock.instant();

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("guardctl_it");
    }

    /** An instance's guard on {@code ds} as the service builds it for a shared store. */
    private AutomaticActionGuard instance(DataSource ds, String id, boolean rateLimit, boolean breaker) {
        var settings = new AutomaticActionGuard.Settings(rateLimit, 10, Duration.ofMinutes(1), breaker, 50f, 10, 4,
                WAIT, 1);
        return new AutomaticActionGuard(settings, clock,
                (l, period, c) -> new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, l, period, c),
                new JdbcBreakerTrip(ds, JdbcBreakerTrip.AUTOMATIC_RETRIES, id), new JdbcGuardPause(ds));
    }

    private GuardPause.Pause pause(Instant until) {
        return new GuardPause.Pause("alice", clock.instant(), until, "scheduler outage INC-42");
    }

    private static void fail4(AutomaticActionGuard guard) {
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_pause_holds_the_retries_of_every_instance_in_the_permits_statement_and_takes_no_permit(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var a = instance(ds, "host-a/1/x", true, true);
        var b = instance(ds, "host-b/2/y", true, true);
        assertThat(b.admit()).isEmpty();

        a.pause(pause(null));

        String reason = "automatic retries paused by alice at " + start + ": scheduler outage INC-42";
        assertThat(a.admit()).hasValue(reason);
        assertThat(b.admit()).hasValue(reason);
        assertThat(row(ds, JdbcGuardPause.AUTOMATIC_RETRIES_PAUSED))
                .isEqualTo("manual-pause PAUSED " + Long.MAX_VALUE + " alice scheduler outage INC-42");
        assertThat(budget(ds).available()).as("only the retry admitted before the pause took a permit").isEqualTo(9);
        assertThat(b.paused()).isEqualTo(1);
        assertThat(b.status().otherTrip()).as("a pause is not another instance's trip").isEmpty();

        assertThat(b.resume()).hasValueSatisfying(p -> assertThat(p.by()).isEqualTo("alice"));

        assertThat(a.admit()).as("resumed on b, a admits").isEmpty();
        assertThat(row(ds, JdbcGuardPause.AUTOMATIC_RETRIES_PAUSED)).isEqualTo("null null 0 null null");
        assertThat(a.paused()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_pause_holds_with_the_breaker_or_the_rate_limit_disabled_and_lapses_at_its_end(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var noBreaker = instance(ds, "no-breaker", true, false);
        var noRateLimit = instance(ds, "no-rate-limit", false, true);
        noBreaker.pause(pause(start.plus(Duration.ofMinutes(30))));

        assertThat(noBreaker.admit()).hasValueSatisfying(r -> assertThat(r).startsWith("automatic retries paused by"));
        assertThat(noRateLimit.admit()).hasValueSatisfying(r -> assertThat(r).startsWith("automatic retries paused by")
                .endsWith("(until " + start.plus(Duration.ofMinutes(30)) + ")"));

        clock.advance(Duration.ofMinutes(30));
        assertThat(noBreaker.admit()).isEmpty();
        assertThat(noRateLimit.admit()).isEmpty();
        assertThat(new JdbcGuardPause(ds).inForce(clock.instant())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void on_embedded_h2_a_pause_is_kept_in_memory_and_survives_a_restart_in_the_store(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var settings = new AutomaticActionGuard.Settings(true, 10, Duration.ofMinutes(1), true, 50f, 10, 4, WAIT, 1);
        var alone = new AutomaticActionGuard(settings, clock,
                (l, period, c) -> new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, l, period, c),
                BreakerTrip.NONE, new JdbcGuardPause(ds));
        alone.pause(pause(null));
        assertThat(alone.admit()).isPresent();

        var restarted = new AutomaticActionGuard(settings, clock,
                (l, period, c) -> new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, l, period, c),
                BreakerTrip.NONE, new JdbcGuardPause(ds));

        assertThat(restarted.admit()).hasValue("automatic retries paused by alice at " + start
                + ": scheduler outage INC-42");
        assertThat(budget(ds).available()).isEqualTo(10);
        restarted.resume();
        assertThat(restarted.admit()).isEmpty();
        assertThat(new JdbcGuardPause(ds).inForce(clock.instant())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closing_on_one_instance_clears_the_trip_another_holds_and_the_holder_closes_at_its_next_decision(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var holder = instance(ds, "holder", true, true);
        var other = instance(ds, "other", true, true);
        fail4(holder);
        assertThat(other.admit()).hasValueSatisfying(r -> assertThat(r).contains("another instance (holder) open"));
        clock.advance(Duration.ofSeconds(20));

        assertThat(other.closeByOnCall()).isEqualTo("this instance's (other) circuit breaker CLOSED -> CLOSED; cleared "
                + "the trip of instance holder (OPEN, until " + start.plus(WAIT).plus(WAIT) + ")");

        assertThat(row(ds, JdbcBreakerTrip.AUTOMATIC_RETRIES)).isEqualTo("null null 0 null null");
        assertThat(new JdbcBreakerTrip(ds, JdbcBreakerTrip.AUTOMATIC_RETRIES, "x").clearedByOnCallAt())
                .hasValue(clock.instant());
        assertThat(other.admit()).isEmpty();
        assertThat(holder.breakerState()).isEqualTo("OPEN");
        assertThat(holder.admit()).isEmpty();
        assertThat(holder.breakerState()).isEqualTo("CLOSED");
    }

    private static RateBudget budget(DataSource ds) {
        return new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, 10, Duration.ofMinutes(1),
                java.time.Clock.fixed(Instant.parse("2026-11-24T03:00:10Z"), java.time.ZoneOffset.UTC));
    }

    private static String row(DataSource ds, String name) {
        return JdbcClient.create(ds).sql("select holder, state, until_ms, paused_by, comment from breaker_trip"
                        + " where name = ?")
                .param(name)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " "
                        + rs.getString(4) + " " + rs.getString(5)).single();
    }
}
