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
 *       failed (-1 while fewer than the minimum arrived).</li>
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
    }
}
