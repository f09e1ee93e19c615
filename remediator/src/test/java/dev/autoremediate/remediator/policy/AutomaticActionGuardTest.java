package dev.autoremediate.remediator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AutomaticActionGuardTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T20:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();

    private static AutomaticActionGuard.Settings settings(boolean rateLimit, int perPeriod, boolean breaker) {
        return new AutomaticActionGuard.Settings(rateLimit, perPeriod, Duration.ofMinutes(1), breaker, 50f, 10, 4,
                Duration.ofMinutes(5), 2);
    }

    @Test
    void beyond_the_global_rate_limit_an_automatic_retry_needs_approval_until_the_next_period() {
        var guard = new AutomaticActionGuard(settings(true, 3, false), clock);

        assertThat(guard.admit()).isEmpty();
        assertThat(guard.admit()).isEmpty();
        assertThat(guard.admit()).isEmpty();
        assertThat(guard.admit()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("global rate limit of automatic actions reached (3 per 1m)"));

        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.admit()).as("still the same period").isPresent();
        clock.advance(Duration.ofSeconds(31));
        assertThat(guard.admit()).as("a new period").isEmpty();
    }

    @Test
    void the_breaker_opens_when_remediated_retries_start_failing_and_holds_new_retries_for_approval() {
        var guard = new AutomaticActionGuard(settings(false, 1, true), clock);

        guard.recordRetryOutcome(true);
        guard.recordRetryOutcome(false);
        guard.recordRetryOutcome(true);
        assertThat(guard.admit()).as("3 outcomes: fewer than the minimum of 4").isEmpty();
        guard.recordRetryOutcome(false);
        assertThat(guard.breakerState()).as("2 of 4 failed: 50%% reaches the threshold").isEqualTo("OPEN");
        assertThat(guard.admit()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("circuit breaker open: 50% of the last 4 remediated retries failed"));
    }

    @Test
    void mostly_successful_retries_keep_the_breaker_closed() {
        var guard = new AutomaticActionGuard(settings(false, 1, true), clock);

        for (int i = 0; i < 20; i++) {
            guard.recordRetryOutcome(i % 5 != 0); // one in five fails: 20%
            assertThat(guard.admit()).isEmpty();
        }
        assertThat(guard.breakerState()).isEqualTo("CLOSED");
    }

    @Test
    void after_the_wait_a_trial_of_retries_closes_the_breaker_when_they_succeed() {
        var guard = new AutomaticActionGuard(settings(false, 1, true), clock);
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
        assertThat(guard.admit()).isPresent();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(guard.admit()).as("trial retry 1").isEmpty();
        assertThat(guard.admit()).as("trial retry 2").isEmpty();
        assertThat(guard.breakerState()).isEqualTo("HALF_OPEN");
        assertThat(guard.admit()).as("the trial is full").hasValueSatisfying(r -> assertThat(r).contains("half-open"));

        guard.recordRetryOutcome(true);
        guard.recordRetryOutcome(true);
        assertThat(guard.breakerState()).isEqualTo("CLOSED");
        assertThat(guard.admit()).isEmpty();
    }

    @Test
    void a_failing_trial_opens_the_breaker_again() {
        var guard = new AutomaticActionGuard(settings(false, 1, true), clock);
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.admit()).isEmpty();
        assertThat(guard.admit()).isEmpty();

        guard.recordRetryOutcome(false);
        guard.recordRetryOutcome(false);

        assertThat(guard.breakerState()).isEqualTo("OPEN");
        assertThat(guard.admit()).isPresent();
    }

    @Test
    void a_retry_held_by_the_rate_limit_gives_back_its_trial_permit() {
        var guard = new AutomaticActionGuard(settings(true, 1, true), clock);
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.admit()).isEmpty(); // trial 1, and the period's only rate permit
        assertThat(guard.admit()).hasValueSatisfying(r -> assertThat(r).contains("rate limit"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(guard.admit()).as("trial 2 was given back, so it is still free").isEmpty();
    }

    @Test
    void with_both_disabled_everything_is_admitted() {
        var guard = new AutomaticActionGuard(settings(false, 1, false), clock);
        for (int i = 0; i < 10; i++) {
            guard.recordRetryOutcome(false);
            assertThat(guard.admit()).isEmpty();
        }
    }

    @Test
    void a_trial_retry_that_was_not_stored_gives_its_permit_back_so_the_trial_can_finish() {
        var guard = new AutomaticActionGuard(settings(false, 1, true), clock);
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
        clock.advance(Duration.ofMinutes(6));
        assertThat(guard.admit()).as("admitted, but its run attempt was decided already").isEmpty();
        guard.release();

        assertThat(guard.admit()).as("trial retry 1").isEmpty();
        assertThat(guard.admit()).as("trial retry 2").isEmpty();
        assertThat(guard.admit()).as("the trial is full").isPresent();
        guard.recordRetryOutcome(true);
        guard.recordRetryOutcome(true);
        assertThat(guard.breakerState()).as("judged by the 2 retries that went out").isEqualTo("CLOSED");
    }

    @Test
    void giving_back_a_permit_while_closed_or_open_changes_nothing() {
        var guard = new AutomaticActionGuard(settings(false, 1, true), clock);
        guard.release();
        assertThat(guard.breakerState()).isEqualTo("CLOSED");
        for (int i = 0; i < 4; i++) {
            guard.recordRetryOutcome(false);
        }
        guard.release();
        assertThat(guard.breakerState()).isEqualTo("OPEN");
        assertThat(guard.admit()).isPresent();
    }
}
