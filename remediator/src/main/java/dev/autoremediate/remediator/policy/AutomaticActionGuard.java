package dev.autoremediate.remediator.policy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global guard rails of automatic actions (guard rails are policy, not code):
 * <ul>
 *   <li>a <b>rate limit</b>: at most {@code limitForPeriod} automatic retries per {@code refreshPeriod}, whatever
 *       the jobs; beyond it a retry waits for a person's approval. Its permits are a {@link RateBudget}: in memory
 *       for one process, or in the store, shared by every instance of the service on it (the service's); when the
 *       budget cannot be checked, a retry waits for approval too;</li>
 *   <li>a <b>circuit breaker</b> fed by the outcomes of remediated retries: when more than
 *       {@code failureRateThreshold} percent of the last {@code slidingWindowSize} retried runs failed again (after
 *       at least {@code minimumCalls}), it opens and every new automatic retry needs approval; after
 *       {@code waitInOpen} it lets {@code permittedInHalfOpen} retries through as a trial, and closes again when they
 *       succeed (or opens again when they fail).</li>
 * </ul>
 * Built on resilience4j's {@link CircuitBreaker} (of this instance alone) and a {@link RateBudget}, both driven by the
 * injected {@link Clock}. Thread-safe.
 */
public final class AutomaticActionGuard {

    /**
     * @param rateLimitEnabled     whether the rate limit applies
     * @param limitForPeriod       automatic retries allowed per period
     * @param refreshPeriod        the period
     * @param breakerEnabled       whether the circuit breaker applies
     * @param failureRateThreshold percent of failed retried runs that opens the breaker
     * @param slidingWindowSize    how many of the latest retried runs count
     * @param minimumCalls         outcomes needed before the rate is judged
     * @param waitInOpen           how long the breaker stays open before a trial
     * @param permittedInHalfOpen  automatic retries allowed as the trial
     */
    public record Settings(boolean rateLimitEnabled, int limitForPeriod, Duration refreshPeriod, boolean breakerEnabled,
            float failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration waitInOpen,
            int permittedInHalfOpen) {

        public static final Settings DEFAULT = new Settings(true, 600, Duration.ofMinutes(1), true, 50f, 20, 10,
                Duration.ofMinutes(10), 3);

        public Settings {
            if (limitForPeriod < 1 || refreshPeriod.isZero() || refreshPeriod.isNegative()) {
                throw new IllegalArgumentException("autoremediate.policy.rate-limit: limit-for-period must be at least 1 "
                        + "and refresh-period positive");
            }
            if (failureRateThreshold <= 0 || failureRateThreshold > 100 || slidingWindowSize < 1 || minimumCalls < 1
                    || permittedInHalfOpen < 1 || waitInOpen.isNegative() || waitInOpen.isZero()) {
                throw new IllegalArgumentException("autoremediate.policy.circuit-breaker: failure-rate-threshold must be "
                        + "in (0, 100], sliding-window-size, minimum-calls and permitted-in-half-open at least 1, "
                        + "wait-in-open positive");
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AutomaticActionGuard.class);

    private final Settings settings;
    private final RateBudget rateBudget;
    private final CircuitBreaker breaker;

    /** A guard whose rate limit counts in memory, for this process alone (resilience4j's rate limiter). */
    public AutomaticActionGuard(Settings settings, Clock clock) {
        this(settings, clock, RateBudget.inMemory(settings.limitForPeriod(), settings.refreshPeriod(), clock));
    }

    /**
     * @param rateBudget the permits of the rate limit, of {@code settings}' limit and period (asked only when the rate
     *                   limit is enabled, once per automatic retry that the breaker lets through)
     */
    public AutomaticActionGuard(Settings settings, Clock clock, RateBudget rateBudget) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.rateBudget = Objects.requireNonNull(rateBudget, "rateBudget");
        this.breaker = CircuitBreaker.of("remediated-retries", CircuitBreakerConfig.custom()
                .clock(clock)
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindow(settings.slidingWindowSize(), Math.min(settings.minimumCalls(),
                        settings.slidingWindowSize()), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedInHalfOpen())
                // a trial whose outcomes never arrive must not hold the breaker half open for good
                .maxWaitDurationInHalfOpenState(settings.waitInOpen())
                .build());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Whether an automatic retry may go ahead now. Empty: yes (and it counts against the limits); otherwise the reason
     * it needs a person's approval instead.
     */
    public synchronized Optional<String> admit() {
        boolean breakerPermit = false;
        if (settings.breakerEnabled()) {
            if (!breaker.tryAcquirePermission()) {
                if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                    return Optional.of("circuit breaker half-open: a trial of " + settings.permittedInHalfOpen()
                            + " automatic retries is under way; further retries need approval until their outcomes"
                            + " close the breaker");
                }
                var m = breaker.getMetrics();
                return Optional.of(String.format(Locale.ROOT, "circuit breaker %s: %.0f%% of the last %d remediated "
                        + "retries failed (threshold %.0f%%); automatic retries need approval until trial retries "
                        + "succeed", breaker.getState().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        Math.max(0, m.getFailureRate()), m.getNumberOfBufferedCalls(), settings.failureRateThreshold()));
            }
            breakerPermit = true;
        }
        if (settings.rateLimitEnabled()) {
            Optional<String> refused = takeRatePermit();
            if (refused.isPresent() && breakerPermit) {
                breaker.releasePermission();
            }
            return refused;
        }
        return Optional.empty();
    }

    private Optional<String> takeRatePermit() {
        String limit = settings.limitForPeriod() + " per "
                + settings.refreshPeriod().toString().substring(2).toLowerCase(Locale.ROOT);
        try {
            return rateBudget.tryTake() ? Optional.empty()
                    : Optional.of("global rate limit of automatic actions reached (" + limit + ")");
        } catch (RuntimeException e) {
            // never admit blindly: without the shared count, a retry waits for a person
            log.warn("The rate-limit budget of automatic actions could not be checked; the retry is held for approval:"
                    + " {}", e.toString());
            return Optional.of("the budget of the global rate limit of automatic actions (" + limit
                    + ") could not be checked: the store is unreachable");
        }
    }

    /**
     * An admitted retry that was not stored after all (its run attempt was decided already, or its transaction failed
     * and the event comes again): gives its trial permit back to the circuit breaker, so that a half-open trial is
     * judged by retries that really went out, not stuck waiting for outcomes that never come. (In the closed and open
     * states there is nothing to give back. The rate limit's permit stays used: the limits err on the safe side.)
     */
    public void release() {
        if (settings.breakerEnabled()) {
            breaker.releasePermission();
        }
    }

    /** The outcome of a remediated retry: its next attempt succeeded or failed. Feeds the circuit breaker. */
    public void recordRetryOutcome(boolean succeeded) {
        if (!settings.breakerEnabled()) {
            return;
        }
        if (succeeded) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(0, TimeUnit.NANOSECONDS, new RetryFailed());
        }
    }

    /** CLOSED, OPEN or HALF_OPEN (for health and tests). */
    public String breakerState() {
        return breaker.getState().name();
    }

    /**
     * The guard as it stands, for the health endpoint and the metrics.
     *
     * @param breakerState       CLOSED, OPEN or HALF_OPEN (an open breaker whose wait is over shows OPEN until the
     *                           next automatic retry asks, which starts the trial)
     * @param failureRate        percent of the counted outcomes that failed; -1 while fewer than the minimum arrived
     * @param outcomes           outcomes of remediated retries the breaker counts now (in half-open: of the trial)
     * @param failedOutcomes     of which failed
     * @param rateLimitAvailable automatic retries the rate limit still allows in this period (over every instance of
     *                           the service when the budget is in the store); -1 when that cannot be told now
     */
    public record Status(String breakerState, float failureRate, int outcomes, int failedOutcomes,
            int rateLimitAvailable) {
    }

    /** The guard as it stands; reads the rate limit's budget (with the store-backed budget: one cheap query). */
    public Status status() {
        var m = breaker.getMetrics();
        return new Status(breaker.getState().name(), m.getFailureRate(), m.getNumberOfBufferedCalls(),
                m.getNumberOfFailedCalls(), rateBudget.available());
    }

    /** The circuit breaker's failure rate alone, as in {@link Status#failureRate()} (asks no store). */
    public float breakerFailureRate() {
        return breaker.getMetrics().getFailureRate();
    }

    /** The "error" the breaker counts: a retried run that failed again. */
    private static final class RetryFailed extends RuntimeException {
        RetryFailed() {
            super("the remediated retry failed", null, false, false);
        }
    }
}
