package dev.autoremediate.remediator.metrics;

import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code guard} component of {@code /actuator/health}: the circuit breaker of automatic retries (state, failure
 * rate of the counted outcomes of remediated retries, thresholds; this instance's; and {@code otherInstanceTrip}: the
 * trip of another instance's breaker that holds this instance's automatic retries, or {@code none}) and the global rate
 * limit (retries still allowed in this period, over every instance on the store), and {@code pause}: on-call's manual
 * pause of every automatic retry (who, when, until, comment), or {@code none}. Always UP: an open breaker holds
 * automatic retries for approval, the service itself works; the details say why retries wait. Alert on the
 * {@code autoremediate_guard_breaker_state} gauge instead of on this status.
 */
public final class GuardHealthIndicator implements HealthIndicator {

    private final AutomaticActionGuard guard;

    public GuardHealthIndicator(AutomaticActionGuard guard) {
        this.guard = guard;
    }

    @Override
    public Health health() {
        var settings = guard.settings();
        var status = guard.status();
        var breaker = new LinkedHashMap<String, Object>();
        breaker.put("enabled", settings.breakerEnabled());
        breaker.put("state", status.breakerState());
        breaker.put("failureRate", status.failureRate() < 0 ? "not judged yet"
                : String.format(Locale.ROOT, "%.0f%%", status.failureRate()));
        breaker.put("outcomes", status.outcomes());
        breaker.put("failedOutcomes", status.failedOutcomes());
        breaker.put("failureRateThreshold", String.format(Locale.ROOT, "%.0f%%", settings.failureRateThreshold()));
        breaker.put("slidingWindowSize", settings.slidingWindowSize());
        breaker.put("minimumCalls", settings.minimumCalls());
        breaker.put("waitInOpen", settings.waitInOpen().toString());
        breaker.put("permittedInHalfOpen", settings.permittedInHalfOpen());
        breaker.put("instanceId", guard.instanceId());
        breaker.put("otherInstanceTrip", !status.otherTripKnown() ? "unknown: the store is unreachable"
                : status.otherTrip().<Object>map(t -> {
                    var trip = new LinkedHashMap<String, Object>();
                    trip.put("instance", t.holder());
                    trip.put("state", t.state());
                    trip.put("until", t.until().toString());
                    return trip;
                }).orElse("none"));
        var rate = new LinkedHashMap<String, Object>();
        rate.put("enabled", settings.rateLimitEnabled());
        rate.put("limitForPeriod", settings.limitForPeriod());
        rate.put("refreshPeriod", settings.refreshPeriod().toString());
        rate.put("availableNow", status.rateLimitAvailable() < 0 ? "unknown: the store is unreachable"
                : status.rateLimitAvailable());
        Object pause = !status.pauseKnown() ? "unknown: the store is unreachable"
                : status.pause().<Object>map(p -> {
                    var m = new LinkedHashMap<String, Object>();
                    m.put("by", p.by());
                    m.put("at", p.at().toString());
                    m.put("until", p.until() == null ? "until resumed" : p.until().toString());
                    m.put("comment", p.comment());
                    return m;
                }).orElse("none");
        return Health.up().withDetail("circuitBreaker", breaker).withDetail("rateLimit", rate)
                .withDetail("pause", pause).build();
    }
}
