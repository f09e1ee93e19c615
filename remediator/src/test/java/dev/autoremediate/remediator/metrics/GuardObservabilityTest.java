package dev.autoremediate.remediator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.policy.BreakerTrip;
import dev.autoremediate.remediator.policy.RateBudget;
import dev.autoremediate.remediator.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class GuardObservabilityTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T20:00:00Z"));
    private final AutomaticActionGuard guard = new AutomaticActionGuard(new AutomaticActionGuard.Settings(true, 5,
            Duration.ofMinutes(1), true, 50f, 4, 4, Duration.ofMinutes(5), 2), clock);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void health_and_gauges_show_a_closed_breaker_before_enough_outcomes_and_an_open_one_after_failures() {
        new GuardMetrics(registry, guard);
        var health = new GuardHealthIndicator(guard);
        guard.admit();

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(breaker(health)).containsEntry("state", "CLOSED").containsEntry("failureRate", "not judged yet")
                .containsEntry("outcomes", 0).containsEntry("failureRateThreshold", "50%");
        assertThat(rateLimit(health)).containsEntry("limitForPeriod", 5).containsEntry("availableNow", 4);
        assertThat(state("closed")).isEqualTo(1.0);
        assertThat(state("open")).isEqualTo(0.0);

        guard.recordRetryOutcome(true);
        for (int i = 0; i < 3; i++) {
            guard.recordRetryOutcome(false);
        }

        assertThat(health.health().getStatus()).as("the service works; retries wait for approval").isEqualTo(Status.UP);
        assertThat(breaker(health)).containsEntry("state", "OPEN").containsEntry("failureRate", "75%")
                .containsEntry("outcomes", 4).containsEntry("failedOutcomes", 3);
        assertThat(state("open")).isEqualTo(1.0);
        assertThat(state("closed")).isEqualTo(0.0);
        assertThat(registry.get("autoremediate.guard.breaker.failure.rate").gauge().value()).isEqualTo(75.0);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(guard.admit()).as("the wait is over: a trial retry").isEmpty();
        assertThat(breaker(health)).containsEntry("state", "HALF_OPEN");
        assertThat(state("half_open")).isEqualTo(1.0);
        assertThat(state("open")).isEqualTo(0.0);
    }

    @Test
    void health_and_a_gauge_show_the_trip_of_another_instance_that_holds_this_instances_retries() {
        var inForce = new AtomicReference<Optional<BreakerTrip.Trip>>(Optional.empty());
        var down = new AtomicBoolean();
        BreakerTrip shared = new BreakerTrip() {
            @Override
            public String holder() {
                return "host-b/2/b";
            }

            @Override
            public void trip(String state, Instant since, Instant until) {
            }

            @Override
            public void clear() {
            }

            @Override
            public Optional<Trip> ofAnotherInstance(Instant now) {
                if (down.get()) {
                    throw new IllegalStateException("connection refused");
                }
                return inForce.get();
            }
        };
        var held = new AutomaticActionGuard(new AutomaticActionGuard.Settings(true, 5, Duration.ofMinutes(1), true, 50f,
                4, 4, Duration.ofMinutes(5), 2), clock, RateBudget::inMemory, shared);
        new GuardMetrics(registry, held);
        var health = new GuardHealthIndicator(held);
        assertThat(breaker(health)).containsEntry("instanceId", "host-b/2/b").containsEntry("otherInstanceTrip", "none");
        assertThat(heldByOther()).isZero();

        inForce.set(Optional.of(new BreakerTrip.Trip("host-a/1/a", "OPEN", Instant.parse("2026-11-23T20:20:00Z"))));

        assertThat(breaker(health)).containsEntry("state", "CLOSED").containsEntry("otherInstanceTrip",
                Map.of("instance", "host-a/1/a", "state", "OPEN", "until", "2026-11-23T20:20:00Z"));
        assertThat(heldByOther()).isEqualTo(1.0);
        assertThat(state("closed")).as("this instance's own breaker").isEqualTo(1.0);

        down.set(true);
        assertThat(breaker(health)).containsEntry("otherInstanceTrip", "unknown: the store is unreachable");
        assertThat(heldByOther()).isEqualTo(-1.0);
    }

    private double heldByOther() {
        return registry.get("autoremediate.guard.breaker.held.by.other.instance").gauge().value();
    }

    private double state(String state) {
        return registry.get("autoremediate.guard.breaker.state").tag("state", state).gauge().value();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> breaker(GuardHealthIndicator health) {
        return (Map<String, Object>) health.health().getDetails().get("circuitBreaker");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rateLimit(GuardHealthIndicator health) {
        return (Map<String, Object>) health.health().getDetails().get("rateLimit");
    }
}
