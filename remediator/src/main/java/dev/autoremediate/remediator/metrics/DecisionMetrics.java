package dev.autoremediate.remediator.metrics;

import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.service.DecisionObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Meters of the decision path:
 * <ul>
 *   <li>{@code autoremediate_decisions_total{category, action, source, status}} — every stored decision;</li>
 *   <li>{@code autoremediate_decision_latency_seconds} — from the failure's {@code occurredAt} to its stored decision
 *       (a histogram; negative clock skew counts zero);</li>
 *   <li>{@code autoremediate_remediations{result}} — decisions by final result from the store: succeeded, failed
 *       (retried runs whose outcome came back), pending_approval; and {@code autoremediate_remediation_success_ratio}.
 *       Read from the store at most every 10 s.</li>
 * </ul>
 */
public final class DecisionMetrics implements DecisionObserver {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer latency;
    private final Supplier<Map<DecisionStatus, Long>> statusCounts;
    private volatile Map<DecisionStatus, Long> cached = Map.of();
    private volatile long cachedAt;

    public DecisionMetrics(MeterRegistry registry, Clock clock, Supplier<Map<DecisionStatus, Long>> statusCounts) {
        this.registry = registry;
        this.clock = clock;
        this.statusCounts = statusCounts;
        this.latency = Timer.builder("autoremediate.decision.latency")
                .description("time from a failure's occurredAt to its stored decision")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        for (var e : Map.of("succeeded", DecisionStatus.SUCCEEDED, "failed", DecisionStatus.FAILED,
                "pending_approval", DecisionStatus.PENDING_APPROVAL).entrySet()) {
            Gauge.builder("autoremediate.remediations", this, m -> m.count(e.getValue()))
                    .description("decisions by result, from the store")
                    .tag("result", e.getKey())
                    .register(registry);
        }
        Gauge.builder("autoremediate.remediation.success.ratio", this, DecisionMetrics::successRatio)
                .description("retried runs that succeeded / retried runs whose outcome is known (NaN while none)")
                .register(registry);
    }

    @Override
    public void decided(Decision decision, FailureEvent event) {
        var c = decision.classification();
        Counter.builder("autoremediate.decisions")
                .description("decisions stored")
                .tag("category", c.category().name())
                .tag("action", decision.action().type().name())
                .tag("source", c.source().name())
                .tag("status", decision.status().name())
                .register(registry)
                .increment();
        if (event.occurredAt() != null) {
            Duration took = Duration.between(event.occurredAt(), clock.instant());
            latency.record(took.isNegative() ? Duration.ZERO : took);
        }
    }

    private double count(DecisionStatus status) {
        return counts().getOrDefault(status, 0L);
    }

    private double successRatio() {
        var counts = counts();
        long ok = counts.getOrDefault(DecisionStatus.SUCCEEDED, 0L);
        long known = ok + counts.getOrDefault(DecisionStatus.FAILED, 0L);
        return known == 0 ? Double.NaN : (double) ok / known;
    }

    private Map<DecisionStatus, Long> counts() {
        long now = System.nanoTime();
        if (cachedAt == 0 || now - cachedAt > Duration.ofSeconds(10).toNanos()) {
            try {
                cached = Map.copyOf(statusCounts.get());
            } catch (RuntimeException storeDown) {
                // keep the last counts; the store's health says why
            }
            cachedAt = now;
        }
        return cached;
    }
}
