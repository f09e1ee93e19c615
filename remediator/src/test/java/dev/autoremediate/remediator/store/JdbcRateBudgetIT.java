package dev.autoremediate.remediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.policy.BreakerTrip;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store-backed budget of the rate limit against H2 and a real PostgreSQL server, with the service's migrations:
 * budgets over one database stand for instances of the service sharing one store.
 */
class JdbcRateBudgetIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T03:00:10Z"));

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("budget_it");
    }

    private JdbcRateBudget budget(DataSource ds, int limit) {
        return new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, limit, MINUTE, clock);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void permits_up_to_the_limit_then_refusals_until_the_next_window_refills(Callable<DataSource> database)
            throws Exception {
        var budget = budget(database.call(), 3);
        assertThat(budget.available()).isEqualTo(3);

        assertThat(budget.tryTake()).isTrue();
        assertThat(budget.available()).isEqualTo(2);
        assertThat(budget.tryTake()).isTrue();
        assertThat(budget.tryTake()).isTrue();
        assertThat(budget.available()).isZero();
        assertThat(budget.tryTake()).as("beyond the limit").isFalse();

        clock.advance(Duration.ofSeconds(49)); // 03:00:59: still the same window
        assertThat(budget.tryTake()).isFalse();

        clock.advance(Duration.ofSeconds(1)); // 03:01:00: a window starts at each multiple of the period
        assertThat(budget.available()).isEqualTo(3);
        assertThat(budget.tryTake()).isTrue();
        assertThat(budget.available()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void two_instances_over_one_store_share_one_limit(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var first = budget(ds, 10);
        var second = budget(ds, 10);

        int admitted = 0;
        for (int i = 0; i < 30; i++) {
            admitted += (i % 2 == 0 ? first : second).tryTake() ? 1 : 0;
        }

        assertThat(admitted).isEqualTo(10);
        assertThat(first.available()).isZero();
        assertThat(second.available()).isZero();
        clock.advance(MINUTE);
        assertThat(second.tryTake()).isTrue();
        assertThat(first.available()).isEqualTo(9);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_takers_never_exceed_the_limit(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        int threads = 6;
        int triesEach = 25;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                var budget = budget(ds, 40); // one budget per thread: as many instances
                futures.add(pool.submit(() -> {
                    start.await();
                    int taken = 0;
                    for (int i = 0; i < triesEach; i++) {
                        taken += budget.tryTake() ? 1 : 0;
                    }
                    return taken;
                }));
            }
            start.countDown();
            int admitted = 0;
            for (var f : futures) {
                admitted += f.get();
            }
            assertThat(admitted).as("150 tries for 40 permits").isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(budget(ds, 40).available()).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_limit_is_the_callers_and_a_smaller_one_refuses_at_once(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        assertThat(budget(ds, 5).tryTake()).isTrue();
        assertThat(budget(ds, 5).tryTake()).isTrue();

        assertThat(budget(ds, 2).tryTake()).as("2 used of a limit of 2").isFalse();
        assertThat(budget(ds, 2).available()).isZero();
        assertThat(budget(ds, 5).available()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_guard_admits_through_the_store_budget_and_says_when_it_is_used_up(Callable<DataSource> database)
            throws Exception {
        var guard = guard(database.call(), 2);

        assertThat(guard.admit()).isEmpty();
        assertThat(guard.admit()).isEmpty();
        assertThat(guard.admit()).hasValue("global rate limit of automatic actions reached (2 per 1m)");
        assertThat(guard.status().rateLimitAvailable()).isZero();
    }

    @Test
    void when_the_store_cannot_be_reached_the_guard_admits_nothing_and_says_why() {
        // a real driver against a port where nothing listens: the connection is refused
        var unreachable = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2",
                "nobody", "none");
        var guard = guard(unreachable, 600);

        assertThat(guard.admit()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("budget of the global rate limit").contains("could not be checked"));
        assertThat(guard.status().rateLimitAvailable()).as("unknown").isEqualTo(-1);
        assertThat(guard.breakerState()).isEqualTo("CLOSED");
    }

    private AutomaticActionGuard guard(DataSource ds, int limit) {
        var settings = new AutomaticActionGuard.Settings(true, limit, MINUTE, true, 50f, 10, 4, MINUTE, 1);
        return new AutomaticActionGuard(settings, clock,
                (l, period, c) -> new JdbcRateBudget(ds, JdbcRateBudget.AUTOMATIC_RETRIES, l, period, c),
                BreakerTrip.NONE);
    }
}
