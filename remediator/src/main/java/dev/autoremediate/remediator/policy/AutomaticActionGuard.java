package dev.autoremediate.remediator.policy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 *       succeed (or opens again when they fail). Each instance's breaker judges the outcomes that instance consumes;
 *       its <b>trip is global</b> through a {@link BreakerTrip} in the store: while one instance's breaker is open or
 *       half-open, every other instance holds its automatic retries for approval too, until that breaker closes (or
 *       its trip lapses, if that instance died: 2 × {@code waitInOpen} after it opened, {@code waitInOpen} after its
 *       trial began).</li>
 *   <li>the <b>on-call engineer's controls</b>: a <b>manual pause</b> ({@link GuardPause}) holds every automatic retry
 *       for approval, on every instance, until resumed (or until a given time); {@link #closeByOnCall()} closes this
 *       instance's breaker and clears the shared trip whoever holds it, and the holder, while its breaker is not
 *       closed, reads at each retry decision whether a person cleared its trip after its breaker opened, and if so
 *       closes its breaker too. With a store that one process alone opens ({@link BreakerTrip#NONE}), the pause is
 *       kept in memory after it is read once (the process that serves the API is its only writer); with a shared
 *       store, the trip's checks refuse while the pause's row is in force (no extra statement).</li>
 * </ul>
 * Built on resilience4j's {@link CircuitBreaker} (this instance's outcomes), a {@link RateBudget} and a
 * {@link BreakerTrip}, all driven by the injected {@link Clock}. Thread-safe: only the breaker's permits are taken
 * under a lock; the store's round trips are made outside it.
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
    private final Clock clock;
    private final RateBudget rateBudget;
    private final BreakerTrip trip;
    private final CircuitBreaker breaker;
    /** The latest state transition of this instance's breaker not yet written to {@link #trip} (null: none). */
    private final AtomicReference<Transition> unwritten = new AtomicReference<>();
    private final Object tripWrites = new Object();
    /** The other instance's trip last seen holding a retry, to log each trip once. */
    private volatile BreakerTrip.Trip lastSeenTrip;
    private final GuardPause pauses;
    /** The pause, when {@link #trip} is not shared: the only writer is this process (null: none). */
    private volatile GuardPause.Pause localPause;
    /** Whether {@link #localPause} was read from the store (always true with a shared trip). */
    private volatile boolean pauseLoaded;
    /** When this instance's breaker entered its current state, and when it last opened (null: never). */
    private volatile Instant breakerSince;
    private volatile Instant openedAt;

    private record Transition(CircuitBreaker.State to, Instant at) {
    }

    /** A guard of this process alone: its rate limit counts in memory (resilience4j's rate limiter), no shared trip. */
    public AutomaticActionGuard(Settings settings, Clock clock) {
        this(settings, clock, RateBudget::inMemory, BreakerTrip.NONE);
    }

    /**
     * @param budgets makes the permits of the rate limit, of {@code settings}' limit and period and {@code clock}
     *                (asked only when the rate limit is enabled, once per automatic retry that the breaker lets
     *                through)
     * @param trip    the trip shared with the other instances of the service: written when this instance's breaker
     *                changes state, read once per automatic retry that this instance's breaker lets through (with a
     *                budget in the same store, in the same statement as the permit). The manual pause is kept in memory
     *                here: with a {@link BreakerTrip#shared() shared} trip its checks are the store's, so give that
     *                store's pause to the constructor below.
     */
    public AutomaticActionGuard(Settings settings, Clock clock, RateBudget.Source budgets, BreakerTrip trip) {
        this(settings, clock, budgets, trip, GuardPause.inMemory());
    }

    /**
     * @param pauses the manual pause of automatic retries (in the store, to survive a restart); when {@code trip} is
     *               not {@link BreakerTrip#shared()}, read once at the first retry decision (or status) and then
     *               kept in memory: this process is its only writer
     */
    public AutomaticActionGuard(Settings settings, Clock clock, RateBudget.Source budgets, BreakerTrip trip,
            GuardPause pauses) {
        this.pauses = Objects.requireNonNull(pauses, "pauses");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rateBudget = Objects.requireNonNull(budgets, "budgets").of(settings.limitForPeriod(),
                settings.refreshPeriod(), clock);
        this.trip = Objects.requireNonNull(trip, "trip");
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
        // called on the thread that makes the transition (inside the breaker's bookkeeping): only noted here, written
        // to the store by writeTransition() outside any lock
        breakerSince = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        breaker.getEventPublisher().onStateTransition(e -> {
            var t = new Transition(e.getStateTransition().getToState(), clock.instant());
            breakerSince = t.at().truncatedTo(ChronoUnit.MILLIS);
            if (t.to() == CircuitBreaker.State.OPEN) {
                openedAt = t.at();
            }
            unwritten.set(t);
        });
        pauseLoaded = trip.shared(); // a shared store's pause is checked in the store
    }

    /**
     * The pause kept in memory (a trip that is not shared): read from the store at the first use (the guard is made
     * before the store is migrated), then kept.
     *
     * @throws RuntimeException when it cannot be read yet (the store is unreachable)
     */
    private GuardPause.Pause localPause() {
        if (!pauseLoaded) {
            synchronized (pauses) {
                if (!pauseLoaded) {
                    localPause = pauses.inForce(clock.instant()).orElse(null);
                    pauseLoaded = true;
                }
            }
        }
        return localPause;
    }

    public Settings settings() {
        return settings;
    }

    /** This instance's id in the shared trip. */
    public String instanceId() {
        return trip.holder();
    }

    /**
     * Whether an automatic retry may go ahead now. Empty: yes (and it counts against the limits); otherwise the reason
     * it needs a person's approval instead. In order: this instance's breaker (in memory, under a short lock for its
     * trial permits), then, outside any lock, another instance's trip and the rate limit (with the store: one
     * conditional update, atomic in the database, so concurrent consumers do not wait for each other's round trip).
     */
    public Optional<String> admit() {
        if (!trip.shared()) { // (a shared store's pause is checked in the store, with the trip)
            Optional<GuardPause.Pause> paused;
            try {
                paused = pauseInForce();
            } catch (RuntimeException e) {
                log.warn("The manual pause of automatic retries could not be read; the retry is held for approval: {}",
                        e.toString());
                return Optional.of("the manual pause of automatic retries could not be read: the store is unreachable");
            }
            if (paused.isPresent()) {
                return Optional.of(paused.get().reason());
            }
        }
        boolean breakerPermit = false;
        if (settings.breakerEnabled()) {
            if (trip.shared() && breaker.getState() != CircuitBreaker.State.CLOSED) {
                learnOnCallClose(); // one read, only while this instance's breaker is not closed
            }
            Optional<String> refused = takeBreakerPermit();
            writeTransition();
            if (refused.isPresent()) {
                // a pause in force says more to the reviewer than this instance's breaker (one read, only when held)
                return Optional.of(sharedPause().map(GuardPause.Pause::reason).orElse(refused.get()));
            }
            breakerPermit = true;
        }
        Optional<String> refused = checkShared();
        if (refused.isPresent() && breakerPermit) {
            breaker.releasePermission();
        }
        return refused;
    }

    private synchronized Optional<String> takeBreakerPermit() {
        if (breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
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

    /**
     * Another instance's trip or the manual pause (in a shared store), then the rate limit: at most one statement when
     * admitted, two when held (three when a pause holds: its who and why are read too).
     */
    private Optional<String> checkShared() {
        // with the breaker disabled, a shared store's pause still holds (its check alone)
        BreakerTrip hold = settings.breakerEnabled() ? trip : trip.pauseOnly();
        if (hold == BreakerTrip.NONE && !settings.rateLimitEnabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            if (settings.rateLimitEnabled()) {
                if (rateBudget.tryTakeUnlessTripped(hold, now)) {
                    return Optional.empty();
                }
                // held: by the trip, the pause or the limit; one more cheap read says which (a held retry took no
                // permit)
                Optional<BreakerTrip.Trip> other = hold == BreakerTrip.NONE ? Optional.empty() : hold.holding(now);
                return Optional.of(other.isPresent() ? holdReason(other.get(), now)
                        : "global rate limit of automatic actions reached (" + limit() + ")");
            }
            return hold.holding(now).map(t -> holdReason(t, now));
        } catch (RuntimeException e) {
            // never admit blindly: without the shared count and trip, a retry waits for a person
            log.warn("The shared guard of automatic actions (rate-limit budget, other instances' circuit breakers) "
                    + "could not be checked; the retry is held for approval: {}", e.toString());
            return Optional.of(settings.rateLimitEnabled()
                    ? "the budget of the global rate limit of automatic actions (" + limit() + ") and the circuit"
                            + " breakers of the other instances could not be checked: the store is unreachable"
                    : "the circuit breakers of the other instances could not be checked: the store is unreachable");
        }
    }

    private String holdReason(BreakerTrip.Trip other, Instant now) {
        if (!BreakerTrip.PAUSE_HOLDER.equals(other.holder())) {
            return tripReason(other);
        }
        return pauses.inForce(now).map(GuardPause.Pause::reason)
                .orElse("automatic retries paused by on-call (until " + other.until() + ")");
    }

    /** The pause in a shared store, if one is in force (one read; empty when it cannot be read, or not shared). */
    private Optional<GuardPause.Pause> sharedPause() {
        if (!trip.shared()) {
            return Optional.empty();
        }
        try {
            return pauses.inForce(clock.instant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * While this instance's breaker is not closed: if a person cleared the shared trip ({@link #closeByOnCall()} on any
     * instance) after this breaker last opened, closes it, so that this instance resumes automatic retries too.
     */
    private void learnOnCallClose() {
        Instant opened = openedAt;
        Optional<Instant> cleared;
        try {
            cleared = trip.clearedByOnCallAt();
        } catch (RuntimeException e) {
            log.debug("Could not read whether on-call cleared the trip: {}", e.toString());
            return;
        }
        // the clearing is in epoch milliseconds (the store's unit): compare at that precision
        if (opened == null || cleared.isEmpty() || cleared.get().isBefore(opened.truncatedTo(ChronoUnit.MILLIS))) {
            return;
        }
        synchronized (this) {
            if (breaker.getState() == CircuitBreaker.State.CLOSED || openedAt != opened) {
                return;
            }
            breaker.transitionToClosedState();
        }
        log.warn("Circuit breaker of automatic retries CLOSED on this instance ({}): on-call cleared its trip at {},"
                + " after it opened at {}; automatic retries resume", trip.holder(), cleared.get(), opened);
    }

    /**
     * On-call resumes automatic retries after fixing the cause: closes this instance's breaker (a fresh count of
     * outcomes) and clears the shared trip, whoever holds it (its holder closes its own breaker at its next retry
     * decision). Does not end a manual pause.
     *
     * @return what changed, one line (for the audit trail)
     * @throws RuntimeException when the shared trip cannot be cleared (the store is unreachable); this instance's
     *                          breaker is closed all the same
     */
    public String closeByOnCall() {
        Instant now = clock.instant();
        String before;
        synchronized (this) {
            before = breaker.getState().name();
            if (breaker.getState() != CircuitBreaker.State.CLOSED) {
                breaker.transitionToClosedState();
            }
        }
        writeTransition();
        String details = "this instance's (" + trip.holder() + ") circuit breaker " + before + " -> CLOSED";
        if (trip.shared()) {
            Optional<BreakerTrip.Trip> other = trip.ofAnotherInstance(now);
            trip.clearForEveryone(now);
            details += other.map(t -> "; cleared the trip of instance " + t.holder() + " (" + t.state() + ", until "
                    + t.until() + ")").orElse("; no other instance's trip was in force");
        }
        log.warn("On-call closed the circuit breaker of automatic retries: {}", details);
        return details;
    }

    /**
     * Pauses every automatic retry (on every instance with a shared store) until {@link #resume()} or the pause's
     * {@code until}; replaces a pause in force.
     *
     * @throws RuntimeException when the store cannot be reached (nothing is paused then)
     */
    public void pause(GuardPause.Pause pause) {
        pauses.pause(pause);
        localPause = pause;
        pauseLoaded = true;
        log.warn("Automatic retries PAUSED on every instance: {}", pause.reason());
    }

    /**
     * Ends the manual pause.
     *
     * @return the pause that was in force, if any
     * @throws RuntimeException when the store cannot be reached (the pause holds on then)
     */
    public Optional<GuardPause.Pause> resume() {
        Optional<GuardPause.Pause> was = pauses.resume(clock.instant());
        localPause = null;
        pauseLoaded = true;
        log.warn("Automatic retries RESUMED (the manual pause ended): {}", was.map(GuardPause.Pause::reason)
                .orElse("none was in force"));
        return was;
    }

    /**
     * The manual pause in force now, if any (with a shared store: one read).
     *
     * @throws RuntimeException when the store cannot be reached
     */
    public Optional<GuardPause.Pause> pauseInForce() {
        Instant now = clock.instant();
        if (!trip.shared()) {
            GuardPause.Pause p = localPause();
            return p != null && p.inForce(now) ? Optional.of(p) : Optional.empty();
        }
        return pauses.inForce(now);
    }

    /** 1 while a manual pause holds automatic retries, 0 when none, -1 when the store cannot be asked (the gauge). */
    public int paused() {
        try {
            return pauseInForce().isPresent() ? 1 : 0;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private String tripReason(BreakerTrip.Trip other) {
        if (!other.equals(lastSeenTrip)) {
            lastSeenTrip = other;
            log.warn("Automatic retries are held for approval on this instance ({}): the circuit breaker of instance {}"
                    + " is {}; until it closes, at the latest {}", trip.holder(), other.holder(), other.state(),
                    other.until());
        }
        return "circuit breaker of another instance (" + other.holder() + ") "
                + other.state().toLowerCase(Locale.ROOT).replace('_', '-') + ": automatic retries on every instance"
                + " need approval until it closes, at the latest until " + other.until();
    }

    private String limit() {
        return settings.limitForPeriod() + " per "
                + settings.refreshPeriod().toString().substring(2).toLowerCase(Locale.ROOT);
    }

    /**
     * Writes this instance's latest breaker transition to the shared trip, outside the breaker's lock: OPEN holds the
     * other instances for the open wait plus the longest trial (2 × {@code waitInOpen}; the breaker gives its half-open
     * trial at most {@code waitInOpen}), HALF_OPEN for the trial ({@code waitInOpen}), CLOSED clears this instance's
     * trip. A holder that dies leaves a trip that lapses by itself. When the store cannot be reached, the transition
     * stays unwritten and is written at the next retry or outcome (a newer transition replaces it).
     */
    private void writeTransition() {
        if (unwritten.get() == null) {
            return;
        }
        synchronized (tripWrites) {
            Transition t = unwritten.getAndSet(null);
            if (t == null) {
                return;
            }
            Duration wait = settings.waitInOpen();
            try {
                switch (t.to()) {
                    case OPEN -> {
                        Instant until = t.at().plus(wait).plus(wait).truncatedTo(ChronoUnit.MILLIS);
                        trip.trip("OPEN", t.at(), until);
                        var m = breaker.getMetrics();
                        log.warn(String.format(Locale.ROOT, "Circuit breaker of automatic retries OPEN on this "
                                + "instance (%s): %.0f%% of the last %d remediated retries failed (threshold %.0f%%);"
                                + " automatic retries on every instance of the store need approval until it closes,"
                                + " at the latest until %s", trip.holder(), Math.max(0, m.getFailureRate()),
                                m.getNumberOfBufferedCalls(), settings.failureRateThreshold(), until));
                    }
                    case HALF_OPEN -> {
                        Instant until = t.at().plus(wait).truncatedTo(ChronoUnit.MILLIS);
                        trip.trip("HALF_OPEN", t.at(), until);
                        log.info("Circuit breaker of automatic retries HALF_OPEN on this instance ({}): a trial of {}"
                                + " retries; the other instances keep holding until it closes, at the latest until {}",
                                trip.holder(), settings.permittedInHalfOpen(), until);
                    }
                    default -> {
                        trip.clear();
                        log.info("Circuit breaker of automatic retries {} on this instance ({}): its trip is cleared"
                                + " for every instance", t.to(), trip.holder());
                    }
                }
            } catch (RuntimeException e) {
                unwritten.compareAndSet(null, t);
                log.warn("The circuit breaker's {} could not be shared with the other instances (written at the next "
                        + "retry or outcome): {}", t.to(), e.toString());
            }
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

    /**
     * The outcome of a remediated retry: its next attempt succeeded or failed. Feeds the circuit breaker; when that
     * changes its state, the shared trip is written (one statement).
     */
    public void recordRetryOutcome(boolean succeeded) {
        if (!settings.breakerEnabled()) {
            return;
        }
        if (succeeded) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(0, TimeUnit.NANOSECONDS, new RetryFailed());
        }
        writeTransition();
    }

    /** CLOSED, OPEN or HALF_OPEN: this instance's breaker (for health and tests). */
    public String breakerState() {
        return breaker.getState().name();
    }

    /**
     * The guard as it stands, for the health endpoint and the metrics.
     *
     * @param breakerState       CLOSED, OPEN or HALF_OPEN: this instance's breaker (an open breaker whose wait is
     *                           over shows OPEN until the next automatic retry asks, which starts the trial)
     * @param failureRate        percent of the counted outcomes that failed; -1 while fewer than the minimum arrived
     * @param outcomes           outcomes of remediated retries the breaker counts now (in half-open: of the trial)
     * @param failedOutcomes     of which failed
     * @param rateLimitAvailable automatic retries the rate limit still allows in this period (over every instance of
     *                           the service when the budget is in the store); -1 when that cannot be told now
     * @param otherTrip          another instance's trip in force, which holds this instance's automatic retries;
     *                           empty when none (or when the breaker is disabled)
     * @param otherTripKnown     false when the store could not be asked
     * @param breakerSince       when this instance's breaker entered its state (the guard's start while it never left
     *                           CLOSED)
     * @param pause              the manual pause in force, if any
     * @param pauseKnown         false when the store could not be asked about the pause
     */
    public record Status(String breakerState, float failureRate, int outcomes, int failedOutcomes,
            int rateLimitAvailable, Optional<BreakerTrip.Trip> otherTrip, boolean otherTripKnown,
            Instant breakerSince, Optional<GuardPause.Pause> pause, boolean pauseKnown) {
    }

    /**
     * The guard as it stands; reads the rate limit's budget, the shared trip and the pause (with a shared store: three
     * cheap queries).
     */
    public Status status() {
        var m = breaker.getMetrics();
        Optional<BreakerTrip.Trip> other = Optional.empty();
        boolean known = true;
        if (settings.breakerEnabled()) {
            try {
                other = trip.ofAnotherInstance(clock.instant());
            } catch (RuntimeException e) {
                known = false;
            }
        }
        Optional<GuardPause.Pause> pause = Optional.empty();
        boolean pauseKnown = true;
        try {
            pause = pauseInForce();
        } catch (RuntimeException e) {
            pauseKnown = false;
        }
        return new Status(breaker.getState().name(), m.getFailureRate(), m.getNumberOfBufferedCalls(),
                m.getNumberOfFailedCalls(), rateBudget.available(), other, known, breakerSince, pause, pauseKnown);
    }

    /**
     * 1 while another instance's trip holds this instance's automatic retries, 0 when none, -1 when the store cannot
     * be asked (one cheap query; for the gauge).
     */
    public int heldByAnotherInstance() {
        if (!settings.breakerEnabled()) {
            return 0;
        }
        try {
            return trip.ofAnotherInstance(clock.instant()).isPresent() ? 1 : 0;
        } catch (RuntimeException e) {
            return -1;
        }
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
