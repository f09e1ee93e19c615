package dev.autoremediate.remediator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The guard's trip shared between instances, with a {@link BreakerTrip} in memory that two guards share as if it were
 * the store's row (the row's own SQL is tested in {@code JdbcBreakerTripIT}); and the guard's lock, which no longer
 * covers the budget's round trip.
 */
class SharedBreakerTripTest {

    private static final Duration WAIT = Duration.ofMinutes(5);

    /** One row, as table breaker_trip holds it, shared by the guards given {@link #of}. */
    static final class Row {
        String holder;
        String state;
        Instant until = Instant.EPOCH;
        boolean down;
        final List<String> writes = new ArrayList<>();

        BreakerTrip of(String id) {
            return new BreakerTrip() {
                @Override
                public String holder() {
                    return id;
                }

                @Override
                public void trip(String newState, Instant since, Instant newUntil) {
                    check();
                    writes.add(id + " " + newState);
                    if (holder == null || holder.equals(id) || !until.isAfter(since) || until.isBefore(newUntil)) {
                        holder = id;
                        state = newState;
                        until = newUntil;
                    }
                }

                @Override
                public void clear() {
                    check();
                    writes.add(id + " CLEAR");
                    if (id.equals(holder)) {
                        holder = null;
                        state = null;
                        until = Instant.EPOCH;
                    }
                }

                @Override
                public Optional<Trip> ofAnotherInstance(Instant now) {
                    check();
                    return holder != null && !holder.equals(id) && until.isAfter(now)
                            ? Optional.of(new Trip(holder, state, until)) : Optional.empty();
                }
            };
        }

        private void check() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
        }
    }

    private final AutomaticActionGuardTest.TestClock clock = new AutomaticActionGuardTest.TestClock();
    private final Instant start = clock.instant();
    private final Row row = new Row();

    private static AutomaticActionGuard.Settings settings(boolean rateLimit, int perPeriod) {
        return new AutomaticActionGuard.Settings(rateLimit, perPeriod, Duration.ofMinutes(1), true, 50f, 10, 4, WAIT,
                2);
    }

    private AutomaticActionGuard guard(String id, boolean rateLimit, int perPeriod) {
        return new AutomaticActionGuard(settings(rateLimit, perPeriod), clock, RateBudget::inMemory, row.of(id));
    }

    private static void fail4(AutomaticActionGuard guard) {
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
    }

    @Test
    void when_one_instances_breaker_opens_the_other_holds_its_retries_naming_it_and_until_when() {
        var first = guard("first", false, 1);
        var second = guard("second", false, 1);
        assertThat(second.admit()).isEmpty();

        fail4(first);

        assertThat(first.breakerState()).isEqualTo("OPEN");
        assertThat(second.breakerState()).as("the second's own breaker saw nothing").isEqualTo("CLOSED");
        assertThat(row.writes).containsExactly("first OPEN");
        assertThat(second.admit()).hasValue("circuit breaker of another instance (first) open: automatic retries on "
                + "every instance need approval until it closes, at the latest until " + start.plus(WAIT).plus(WAIT));
        assertThat(first.admit()).as("the first judges by its own breaker").hasValueSatisfying(
                r -> assertThat(r).startsWith("circuit breaker open: 100% of the last 4"));
        assertThat(second.status().otherTrip()).hasValueSatisfying(t -> assertThat(t.holder()).isEqualTo("first"));
        assertThat(second.heldByAnotherInstance()).isEqualTo(1);
        assertThat(first.heldByAnotherInstance()).as("its own trip").isZero();
    }

    @Test
    void the_other_instance_holds_through_the_trial_and_admits_again_when_the_breaker_closes() {
        var first = guard("first", false, 1);
        var second = guard("second", false, 1);
        fail4(first);

        clock.advance(WAIT.plusSeconds(1));
        assertThat(second.admit()).as("the first's wait is over, but its trial has not begun").isPresent();
        assertThat(first.admit()).as("trial retry 1").isEmpty();
        assertThat(first.breakerState()).isEqualTo("HALF_OPEN");
        assertThat(second.admit()).hasValue("circuit breaker of another instance (first) half-open: automatic retries"
                + " on every instance need approval until it closes, at the latest until "
                + clock.instant().plus(WAIT));

        first.admit();
        first.recordRetryOutcome(true);
        first.recordRetryOutcome(true);

        assertThat(first.breakerState()).isEqualTo("CLOSED");
        assertThat(row.writes).containsExactly("first OPEN", "first HALF_OPEN", "first CLEAR");
        assertThat(second.admit()).isEmpty();
        assertThat(second.heldByAnotherInstance()).isZero();
    }

    @Test
    void the_trip_of_an_instance_that_died_lapses_twice_the_open_wait_after_it_opened() {
        var first = guard("first", false, 1);
        var second = guard("second", false, 1);
        fail4(first); // then the first dies: nothing more is written

        clock.advance(WAIT.multipliedBy(2).minusSeconds(1));
        assertThat(second.admit()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(second.admit()).isEmpty();
    }

    @Test
    void a_trip_that_holds_the_retry_takes_no_permit_of_the_rate_limit() {
        var first = guard("first", false, 1);
        var second = guard("second", true, 1);
        fail4(first);
        assertThat(second.admit()).hasValueSatisfying(r -> assertThat(r).contains("another instance (first)"));

        row.holder = null; // the first's breaker closed
        assertThat(second.admit()).as("the period's one permit is still there").isEmpty();
        assertThat(second.admit()).hasValueSatisfying(r -> assertThat(r).contains("rate limit of automatic actions"));
    }

    @Test
    void when_the_store_is_unreachable_the_other_instance_holds_its_retries_and_says_why() {
        var first = guard("first", false, 1);
        var second = guard("second", false, 1);
        fail4(first);
        row.holder = null;
        row.down = true;

        assertThat(second.admit()).hasValue(
                "the circuit breakers of the other instances could not be checked: the store is unreachable");
        assertThat(guard("third", true, 5).admit()).hasValueSatisfying(r -> assertThat(r)
                .contains("budget of the global rate limit").contains("could not be checked"));
        assertThat(second.heldByAnotherInstance()).isEqualTo(-1);
        assertThat(second.status().otherTripKnown()).isFalse();
    }

    @Test
    void a_transition_that_could_not_be_written_is_written_at_the_next_retry_or_outcome() {
        var first = guard("first", false, 1);
        var second = guard("second", false, 1);
        row.down = true;
        fail4(first);
        assertThat(row.writes).isEmpty();
        row.down = false;

        assertThat(second.admit()).as("not written yet").isEmpty();
        assertThat(first.admit()).as("held by its own breaker; the trip is written now").isPresent();

        assertThat(row.writes).containsExactly("first OPEN");
        assertThat(second.admit()).hasValueSatisfying(r -> assertThat(r).contains("another instance (first) open")
                .contains("until " + start.plus(WAIT).plus(WAIT)));
    }

    @Test
    void a_longer_trip_of_another_instance_is_not_replaced_and_each_instance_clears_only_its_own() {
        var first = guard("first", false, 1);
        var second = guard("second", false, 1);
        var third = guard("third", false, 1);
        fail4(first);
        clock.advance(Duration.ofMinutes(1));
        fail4(second); // opened later: its trip lasts longer and is the one the row names

        assertThat(third.admit()).hasValueSatisfying(r -> assertThat(r).contains("(second) open"));
        clock.advance(WAIT);
        first.admit(); // the first's trial begins: half-open until now + WAIT, shorter than the second's trip
        assertThat(third.admit()).hasValueSatisfying(r -> assertThat(r).contains("(second) open"));
        first.admit();
        first.recordRetryOutcome(true);
        first.recordRetryOutcome(true);
        assertThat(first.breakerState()).isEqualTo("CLOSED");
        assertThat(third.admit()).as("the first closing does not clear the second's trip")
                .hasValueSatisfying(r -> assertThat(r).contains("(second) open"));
        assertThat(first.admit()).as("the second's trip holds the first too")
                .hasValueSatisfying(r -> assertThat(r).contains("(second) open"));
    }

    @Test
    void the_budget_gets_the_limit_and_period_of_the_guards_settings() {
        var given = new ArrayList<Object>();
        new AutomaticActionGuard(settings(true, 7), clock, (limit, period, c) -> {
            given.add(limit);
            given.add(period);
            given.add(c);
            return RateBudget.inMemory(limit, period, c);
        }, BreakerTrip.NONE);

        assertThat(given).containsExactly(7, Duration.ofMinutes(1), clock);
    }

    @Test
    void a_retry_does_not_wait_for_another_threads_round_trip_to_the_budget() throws Exception {
        var firstCallEntered = new CountDownLatch(1);
        var releaseFirstCall = new CountDownLatch(1);
        var calls = new AtomicInteger();
        RateBudget slowOnce = new RateBudget() {
            @Override
            public boolean tryTake() {
                if (calls.incrementAndGet() == 1) {
                    firstCallEntered.countDown();
                    try {
                        releaseFirstCall.await(30, TimeUnit.SECONDS); // a round trip that takes long
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            }

            @Override
            public int available() {
                return 1;
            }
        };
        var guard = new AutomaticActionGuard(settings(true, 100), Clock.systemUTC(), (l, p, c) -> slowOnce,
                row.of("only"));
        try {
            var slow = CompletableFuture.supplyAsync(guard::admit);
            assertThat(firstCallEntered.await(10, TimeUnit.SECONDS)).isTrue();

            var fast = CompletableFuture.supplyAsync(guard::admit);

            assertThat(fast.get(10, TimeUnit.SECONDS)).as("admitted while the other round trip is under way").isEmpty();
            assertThat(slow).isNotDone();
            releaseFirstCall.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            releaseFirstCall.countDown();
        }
    }
}
