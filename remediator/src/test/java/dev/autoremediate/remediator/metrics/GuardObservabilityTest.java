package dev.autoremediate.remediator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
