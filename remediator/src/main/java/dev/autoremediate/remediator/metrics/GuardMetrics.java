package dev.autoremediate.remediator.metrics;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Meters of the guard rails of automatic actions:
 * <ul>
 *   <li>{@code autoremediate_guard_breaker_state{state}} — 1 for the circuit breaker's current state ({@code closed},
 *       {@code open}, {@code half_open}), 0 for the others: alert on {@code state="open"} being 1;</li>
 *   <li>{@code autoremediate_guard_breaker_failure_rate} — percent of the counted outcomes of remediated retries that
 *       failed (-1 while fewer than the minimum arrived);</li>
 *   <li>{@code autoremediate_guard_breaker_held_by_other_instance} — 1 while another instance's open (or half-open)
 *       breaker holds this instance's automatic retries for approval, 0 when none, -1 when the store cannot be asked
 *       (one cheap query per scrape);</li>
 *   <li>{@code autoremediate_guard_paused} — 1 while on-call's manual pause holds every automatic retry for approval,
 *       0 when none, -1 when the store cannot be asked (with a shared store: one cheap query per scrape).</li>
 * </ul>
 */
public final class GuardMetrics {

    public GuardMetrics(MeterRegistry registry, AutomaticActionGuard guard) {
        for (String state : new String[] {"CLOSED", "OPEN", "HALF_OPEN"}) {
            Gauge.builder("autoremediate.guard.breaker.state", guard, g -> g.breakerState().equals(state) ? 1 : 0)
                    .description("1 for the current state of the circuit breaker of automatic retries")
                    .tag("state", state.toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("autoremediate.guard.breaker.failure.rate", guard, AutomaticActionGuard::breakerFailureRate)
                .description("percent of the counted remediated retries that failed (-1 while too few)")
                .register(registry);
        Gauge.builder("autoremediate.guard.breaker.held.by.other.instance", guard,
                        AutomaticActionGuard::heldByAnotherInstance)
                .description("1 while another instance's circuit breaker holds automatic retries for approval")
                .register(registry);
        Gauge.builder("autoremediate.guard.paused", guard, AutomaticActionGuard::paused)
                .description("1 while on-call's manual pause holds every automatic retry for approval")
                .register(registry);
    }
}
