package dev.autoremediate.remediator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The on-call engineer's controls of the guard: the manual pause (kept in memory for a process alone, checked through
 * the trip's checks with a shared store) and closing the circuit breaker, which clears the shared trip whoever holds
 * it. The shared store is an in-memory stand-in of table breaker_trip's two rows (its SQL is tested in
 * {@code JdbcGuardControlsIT}).
 */
class OnCallGuardControlsTest {

    private static final Duration WAIT = Duration.ofMinutes(5);

    private final AutomaticActionGuardTest.TestClock clock = new AutomaticActionGuardTest.TestClock();

    private static AutomaticActionGuard.Settings settings(boolean rateLimit, int perPeriod) {
        return new AutomaticActionGuard.Settings(rateLimit, perPeriod, Duration.ofMinutes(1), true, 50f, 10, 4, WAIT,
                2);
    }

    private static void fail4(AutomaticActionGuard guard) {
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
    }

    private GuardPause.Pause pause(Instant until) {
        return new GuardPause.Pause("alice", clock.instant(), until, "scheduler outage INC-42");
    }

    // ---- a process alone (embedded H2): the pause in memory after start

    @Test
    void a_pause_holds_every_automatic_retry_with_who_when_and_why_and_takes_no_permit_until_resumed() {
        var guard = new AutomaticActionGuard(settings(true, 1), clock, RateBudget::inMemory, BreakerTrip.NONE,
                GuardPause.inMemory());
        Instant at = clock.instant();
        guard.pause(pause(null));

        assertThat(guard.admit()).hasValue("automatic retries paused by alice at " + at + ": scheduler outage INC-42");
        assertThat(guard.admit()).isPresent();
        assertThat(guard.paused()).isEqualTo(1);
        assertThat(guard.status().pause()).hasValueSatisfying(p -> assertThat(p.by()).isEqualTo("alice"));

        assertThat(guard.resume()).hasValueSatisfying(
                p -> assertThat(p.comment()).isEqualTo("scheduler outage INC-42"));

        assertThat(guard.admit()).as("the only permit of the period is still there").isEmpty();
        assertThat(guard.paused()).isZero();
        assertThat(guard.resume()).as("nothing left to resume").isEmpty();
    }

    @Test
    void a_pause_with_an_end_lapses_by_itself() {
        var guard = new AutomaticActionGuard(settings(false, 1), clock, RateBudget::inMemory, BreakerTrip.NONE,
                GuardPause.inMemory());
        guard.pause(pause(clock.instant().plus(Duration.ofMinutes(30))));

        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(guard.admit()).hasValueSatisfying(r -> assertThat(r).startsWith("automatic retries paused by alice")
                .endsWith("(until " + clock.instant().plusMillis(1) + ")"));
        clock.advance(Duration.ofMillis(1));
        assertThat(guard.admit()).isEmpty();
        assertThat(guard.paused()).isZero();
    }

    @Test
    void a_pause_in_the_store_holds_a_guard_started_after_it_as_after_a_restart() {
        var store = GuardPause.inMemory();
        new AutomaticActionGuard(settings(false, 1), clock, RateBudget::inMemory, BreakerTrip.NONE, store)
                .pause(pause(null));

        var restarted = new AutomaticActionGuard(settings(false, 1), clock, RateBudget::inMemory, BreakerTrip.NONE,
                store);

        assertThat(restarted.admit()).hasValueSatisfying(r -> assertThat(r).startsWith("automatic retries paused by"));
    }

    @Test
    void on_call_closes_an_open_breaker_with_a_fresh_count_of_outcomes() {
        var guard = new AutomaticActionGuard(settings(false, 1), clock);
        fail4(guard);
        assertThat(guard.breakerState()).isEqualTo("OPEN");
        clock.advance(Duration.ofSeconds(3));

        String details = guard.closeByOnCall();

        assertThat(details).isEqualTo("this instance's (this-process) circuit breaker OPEN -> CLOSED");
        assertThat(guard.breakerState()).isEqualTo("CLOSED");
        assertThat(guard.status().breakerSince()).isEqualTo(clock.instant());
        assertThat(guard.admit()).isEmpty();
        guard.recordRetryOutcome(false);
        assertThat(guard.breakerState()).as("the old failures no longer count").isEqualTo("CLOSED");
    }

    // ---- several instances on one store (in memory here)

    /** breaker_trip's trip row and pause row, shared by the guards given {@link #trip}. */
    static final class Store implements GuardPause {
        String holder;
        String state;
        Instant until = Instant.EPOCH;
        Instant clearedAt;
        Pause pause;
        int clearedReads;

        BreakerTrip trip(String id) {
            return new BreakerTrip() {
                @Override
                public String holder() {
                    return id;
                }

                @Override
                public void trip(String newState, Instant since, Instant newUntil) {
                    if (holder == null || holder.equals(id) || !until.isAfter(since) || until.isBefore(newUntil)) {
                        holder = id;
                        state = newState;
                        until = newUntil;
                    }
                }

                @Override
                public void clear() {
                    if (id.equals(holder)) {
                        holder = null;
                        until = Instant.EPOCH;
                    }
                }

                @Override
                public Optional<Trip> ofAnotherInstance(Instant now) {
                    return holder != null && !holder.equals(id) && until.isAfter(now)
                            ? Optional.of(new Trip(holder, state, until)) : Optional.empty();
                }

                @Override
                public boolean shared() {
                    return true;
                }

                @Override
                public Optional<Trip> holding(Instant now) {
                    if (pause != null && pause.inForce(now)) {
                        return Optional.of(new Trip(PAUSE_HOLDER, "PAUSED",
                                pause.until() == null ? Instant.MAX : pause.until()));
                    }
                    return ofAnotherInstance(now);
                }

                @Override
                public void clearForEveryone(Instant at) {
                    holder = null;
                    until = Instant.EPOCH;
                    clearedAt = at;
                }

                @Override
                public Optional<Instant> clearedByOnCallAt() {
                    clearedReads++;
                    return Optional.ofNullable(clearedAt);
                }
            };
        }

        @Override
        public Optional<Pause> inForce(Instant now) {
            return pause != null && pause.inForce(now) ? Optional.of(pause) : Optional.empty();
        }

        @Override
        public void pause(Pause p) {
            pause = p;
        }

        @Override
        public Optional<Pause> resume(Instant now) {
            var was = inForce(now);
            pause = null;
            return was;
        }
    }

    private final Store store = new Store();

    private AutomaticActionGuard instance(String id) {
        return new AutomaticActionGuard(settings(true, 100), clock, RateBudget::inMemory, store.trip(id), store);
    }

    @Test
    void a_resume_on_another_instance_releases_the_trip_and_the_holder_closes_at_its_next_retry_decision() {
        var a = instance("a");
        var b = instance("b");
        fail4(a);
        assertThat(b.admit()).hasValueSatisfying(r -> assertThat(r).contains("another instance (a) open"));
        clock.advance(Duration.ofSeconds(10));

        String details = b.closeByOnCall();

        assertThat(details).contains("cleared the trip of instance a (OPEN");
        assertThat(b.admit()).as("b at once").isEmpty();
        assertThat(a.breakerState()).as("a learns at its next decision").isEqualTo("OPEN");
        assertThat(a.admit()).as("a's next decision").isEmpty();
        assertThat(a.breakerState()).isEqualTo("CLOSED");
        int reads = store.clearedReads;
        assertThat(a.admit()).isEmpty();
        assertThat(store.clearedReads).as("a closed breaker reads nothing more").isEqualTo(reads);
    }

    @Test
    void a_clearing_before_the_breaker_opened_again_does_not_close_it() {
        var a = instance("a");
        var b = instance("b");
        fail4(a);
        b.closeByOnCall();
        assertThat(a.admit()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        fail4(a); // it fails again after the clearing: its breaker judges anew

        assertThat(a.admit()).hasValueSatisfying(r -> assertThat(r).startsWith("circuit breaker open"));
        assertThat(a.breakerState()).isEqualTo("OPEN");
        assertThat(b.admit()).hasValueSatisfying(r -> assertThat(r).contains("another instance (a) open"));
    }

    @Test
    void a_pause_in_the_shared_store_holds_every_instance_naming_the_pause_even_over_an_open_breaker() {
        var a = instance("a");
        var b = instance("b");
        Instant at = clock.instant();
        a.pause(pause(null));
        String reason = "automatic retries paused by alice at " + at + ": scheduler outage INC-42";

        assertThat(a.admit()).hasValue(reason);
        assertThat(b.admit()).hasValue(reason);
        assertThat(b.paused()).isEqualTo(1);
        fail4(b);
        assertThat(b.admit()).as("the pause says more than b's breaker").hasValue(reason);

        b.resume(); // resumed on b: a learns from the store, not from memory
        assertThat(a.paused()).isZero();
        assertThat(a.admit()).as("what holds a now is b's trip, not the pause")
                .hasValueSatisfying(r -> assertThat(r).contains("another instance (b) open"));
        b.closeByOnCall();
        assertThat(a.admit()).isEmpty();
    }
}
