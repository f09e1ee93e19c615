package dev.autoremediate.remediator.policy;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The permits of the rate limit of automatic actions: at most a number of takes per period. In memory for one process
 * ({@link #inMemory}); the service shares one budget between its instances through the store
 * ({@code dev.autoremediate.remediator.store.JdbcRateBudget}).
 */
public interface RateBudget {

    /**
     * Takes one permit if the current period has one left. A permit is never given back.
     *
     * @return whether a permit was taken
     * @throws RuntimeException when the budget cannot be checked (its store is unreachable): admit nothing then
     */
    boolean tryTake();

    /** Permits left in the current period; -1 when that cannot be told now (the store is unreachable). */
    int available();

    /**
     * Takes one permit unless another instance's trip of the circuit breaker (or, in a shared store, the manual pause)
     * is in force at {@code now}: false when either holds the retry (ask {@code trip} which one). No permit is taken
     * for a retry that the trip holds. This default asks the trip ({@link BreakerTrip#holding}), then takes; a budget
     * in the same store as the trip asks both in one statement.
     *
     * @throws RuntimeException when the budget or the trip cannot be checked: admit nothing then
     */
    default boolean tryTakeUnlessTripped(BreakerTrip trip, Instant now) {
        return trip.holding(now).isEmpty() && tryTake();
    }

    /**
     * Makes the budget of a rate limit: the guard gives it the limit and period of its own settings, so that they are
     * configured once ({@code RateBudget::inMemory}, or a store's budget).
     */
    @FunctionalInterface
    interface Source {
        RateBudget of(int limitForPeriod, Duration refreshPeriod, Clock clock);
    }

    /** A budget of this process alone: resilience4j's {@link AtomicRateLimiter}, driven by {@code clock}. */
    static RateBudget inMemory(int limitForPeriod, Duration refreshPeriod, Clock clock) {
        var limiter = new AtomicRateLimiter("automatic-actions", RateLimiterConfig.custom()
                .limitForPeriod(limitForPeriod)
                .limitRefreshPeriod(refreshPeriod)
                .timeoutDuration(Duration.ZERO)
                .build(), () -> {
                    Instant now = clock.instant();
                    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
                });
        return new RateBudget() {
            @Override
            public boolean tryTake() {
                return limiter.acquirePermission();
            }

            @Override
            public int available() {
                return limiter.getMetrics().getAvailablePermissions();
            }
        };
    }
}
