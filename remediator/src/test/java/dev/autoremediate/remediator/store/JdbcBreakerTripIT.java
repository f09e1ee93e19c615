package dev.autoremediate.remediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The trip of the circuit breaker shared through the store (table {@code breaker_trip}, V12) against H2 and a real
 * PostgreSQL server, with the service's migrations: guards over one database stand for instances of the service.
 */
class JdbcBreakerTripIT {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T03:00:10Z"));
    private final Instant start = clock.instant();

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("trip_it");
    }

    /** An instance's guard on {@code ds}: the budget and the trip in the store, as the service builds them. */
    private AutomaticActionGuard guard(DataSource ds, String id, boolean rateLimit, int limit) {
        var settings = new AutomaticActionGuard.Settings(rateLimit, limit, Duration.ofMinutes(1), true, 50f, 10, 4,
                WAIT, 1);
        return new AutomaticActionGuard(settings, clock,
                (l, period, c) -> new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, l, period, c),
                new JdbcBreakerTrip(ds, JdbcBreakerTrip.AUTOMATIC_RETRIES, id));
    }

    private static void fail4(AutomaticActionGuard guard) {
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_trip_is_seen_by_the_other_instance_and_holds_its_retries_without_using_the_budget(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var first = guard(ds, "host-a/1/x", true, 10);
        var second = guard(ds, "host-b/2/y", true, 10);
        assertThat(second.admit()).isEmpty();

        fail4(first);

        assertThat(second.admit()).hasValue("circuit breaker of another instance (host-a/1/x) open: automatic retries "
                + "on every instance need approval until it closes, at the latest until " + start.plus(WAIT).plus(WAIT));
        assertThat(second.status().otherTrip()).hasValueSatisfying(t -> {
            assertThat(t.holder()).isEqualTo("host-a/1/x");
            assertThat(t.state()).isEqualTo("OPEN");
        });
        assertThat(first.status().otherTrip()).as("an instance is not held by its own trip").isEmpty();
        assertThat(new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, 10, Duration.ofMinutes(1), clock)
                .available()).as("only the retry admitted before the trip took a permit").isEqualTo(9);
        assertThat(row(ds)).isEqualTo("host-a/1/x OPEN " + start.plus(WAIT).plus(WAIT).toEpochMilli());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_trip_holds_through_the_trial_and_closing_the_breaker_clears_it(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var first = guard(ds, "first", false, 1);
        var second = guard(ds, "second", false, 1);
        fail4(first);

        clock.advance(WAIT.plusSeconds(1));
        assertThat(first.admit()).as("the first's trial retry").isEmpty();
        assertThat(second.admit()).hasValueSatisfying(r -> assertThat(r).contains("(first) half-open")
                .endsWith("until " + clock.instant().plus(WAIT)));

        first.recordRetryOutcome(true);

        assertThat(first.breakerState()).isEqualTo("CLOSED");
        assertThat(row(ds)).isEqualTo("null null 0");
        assertThat(second.admit()).isEmpty();
        assertThat(second.heldByAnotherInstance()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_trip_of_an_instance_that_died_lapses_by_itself(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        fail4(guard(ds, "dead", true, 10)); // and nothing more from it
        var second = guard(ds, "second", true, 10);

        clock.advance(WAIT.multipliedBy(2).minusMillis(1));
        assertThat(second.admit()).isPresent();
        assertThat(second.heldByAnotherInstance()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(second.admit()).isEmpty();
        assertThat(second.heldByAnotherInstance()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_row_keeps_the_longest_trip_in_force_and_each_instance_clears_only_its_own(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var a = new JdbcBreakerTrip(ds, JdbcBreakerTrip.AUTOMATIC_RETRIES, "a");
        var b = new JdbcBreakerTrip(ds, JdbcBreakerTrip.AUTOMATIC_RETRIES, "b");
        Instant t = start;

        a.trip("OPEN", t, t.plusSeconds(600));
        b.trip("OPEN", t.plusSeconds(60), t.plusSeconds(660));
        assertThat(row(ds)).as("b's lasts longer").startsWith("b OPEN");
        a.trip("HALF_OPEN", t.plusSeconds(300), t.plusSeconds(600));
        assertThat(row(ds)).as("a's trial is shorter than b's trip").startsWith("b OPEN");
        a.clear();
        assertThat(row(ds)).as("a clears only its own").startsWith("b OPEN");
        assertThat(a.ofAnotherInstance(t.plusSeconds(659))).hasValueSatisfying(
                trip -> assertThat(trip.until()).isEqualTo(t.plusSeconds(660)));
        assertThat(b.ofAnotherInstance(t.plusSeconds(100))).as("its own").isEmpty();
        assertThat(a.ofAnotherInstance(t.plusSeconds(660))).as("lapsed").isEmpty();

        a.trip("OPEN", t.plusSeconds(700), t.plusSeconds(710));
        assertThat(row(ds)).as("b's trip lapsed: a's replaces it although shorter").startsWith("a OPEN");
        b.clear();
        assertThat(row(ds)).startsWith("a OPEN");
        a.clear();
        assertThat(row(ds)).isEqualTo("null null 0");
    }

    @Test
    void when_the_store_cannot_be_reached_nothing_is_admitted_and_a_transition_waits_to_be_written() {
        var unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                "nobody", "none");
        var withBudget = guard(unreachable, "a", true, 600);
        var tripOnly = guard(unreachable, "b", false, 600);

        assertThat(withBudget.admit()).hasValueSatisfying(r -> assertThat(r)
                .contains("budget of the global rate limit").contains("could not be checked"));
        assertThat(tripOnly.admit()).hasValue(
                "the circuit breakers of the other instances could not be checked: the store is unreachable");
        fail4(tripOnly); // the OPEN transition cannot be written: the breaker still holds this instance's retries
        assertThat(tripOnly.breakerState()).isEqualTo("OPEN");
        assertThat(tripOnly.admit()).hasValueSatisfying(r -> assertThat(r).startsWith("circuit breaker open"));
        assertThat(tripOnly.status().otherTripKnown()).isFalse();
        assertThat(tripOnly.heldByAnotherInstance()).isEqualTo(-1);
    }

    private static String row(DataSource ds) {
        return JdbcClient.create(ds).sql("select holder, state, until_ms from breaker_trip where name = ?")
                .param(JdbcBreakerTrip.AUTOMATIC_RETRIES)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3)).single();
    }
}
