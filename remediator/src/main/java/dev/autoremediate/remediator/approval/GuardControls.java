package dev.autoremediate.remediator.approval;

import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.policy.GuardPause;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The on-call engineer's controls of the guard of automatic retries, for the API and the review UI: see it, close the
 * circuit breaker (this instance's, and the shared trip whoever holds it), pause every automatic retry and resume.
 * Each change is written to the audit trail (target {@code GUARD automatic-retries}) after it took effect.
 * Bad input is an {@link IllegalArgumentException} whose message says what to fix; an unreachable store is Spring's
 * {@code DataAccessException} (nothing changed, nothing audited).
 */
public final class GuardControls {

    /** The audit target of every guard control. */
    public static final String TARGET_TYPE = "GUARD";
    public static final String TARGET_ID = "automatic-retries";

    private final AutomaticActionGuard guard;
    private final AuditTrail audit;
    private final Clock clock;

    public GuardControls(AutomaticActionGuard guard, AuditTrail audit, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The guard as it stands (reads the store: a few cheap queries). */
    public GuardView view() {
        var settings = guard.settings();
        var s = guard.status();
        int available = settings.rateLimitEnabled() ? s.rateLimitAvailable() : settings.limitForPeriod();
        var rate = new GuardView.RateLimit(settings.rateLimitEnabled(),
                available < 0 ? -1 : settings.limitForPeriod() - available, settings.limitForPeriod(),
                settings.refreshPeriod(), available);
        var breaker = new GuardView.Breaker(settings.breakerEnabled(), s.breakerState(), s.breakerSince(),
                s.failureRate(), s.outcomes(), s.failedOutcomes(), settings.failureRateThreshold(),
                settings.waitInOpen());
        var trip = s.otherTrip().map(t -> new GuardView.Trip(t.holder(), t.state(), t.until())).orElse(null);
        var pause = s.pause().map(p -> new GuardView.Pause(p.by(), p.at(), p.until(), p.comment())).orElse(null);
        String state;
        String summary;
        if (pause != null) {
            state = "PAUSED";
            summary = "Every automatic retry is held for approval: " + s.pause().get().reason() + ".";
        } else if (!s.pauseKnown() || !s.otherTripKnown()) {
            state = "UNKNOWN";
            summary = "The store is unreachable: automatic retries are held for approval until it answers.";
        } else if (settings.breakerEnabled() && !"CLOSED".equals(s.breakerState())) {
            state = "HELD_BY_BREAKER";
            summary = "This instance's circuit breaker is " + s.breakerState() + " since " + s.breakerSince()
                    + ": its automatic retries are held for approval (every instance's, through its trip).";
        } else if (trip != null) {
            state = "HELD_BY_OTHER_INSTANCE";
            summary = "The circuit breaker of instance " + trip.holder() + " is " + trip.state()
                    + ": automatic retries are held for approval until it closes, at the latest until "
                    + trip.until() + ".";
        } else {
            state = "RUNNING";
            summary = "Automatic retries run" + (settings.rateLimitEnabled() ? " (rate limit: " + rate.used() + " of "
                    + rate.limit() + " used in this window)" : "") + ".";
        }
        return new GuardView(guard.instanceId(), state, summary, rate, breaker, trip, pause,
                s.pauseKnown() && s.otherTripKnown());
    }

    /**
     * Closes the circuit breaker: this instance's goes CLOSED and the shared trip is cleared whoever holds it.
     *
     * @param comment why (required: what was fixed)
     */
    public GuardView closeBreaker(String actor, String comment) {
        String why = required(comment, "a comment (what was fixed) is required to close the circuit breaker");
        String details = guard.closeByOnCall();
        audit.record(AuditEntry.of(clock.instant(), actor, "GUARD_BREAKER_CLOSE", TARGET_TYPE, TARGET_ID, why,
                details));
        return view();
    }

    /**
     * Pauses every automatic retry on every instance until {@link #resume} (or {@code until}).
     *
     * @param comment why (required)
     * @param until   when the pause ends by itself; null: until resumed; must be in the future
     */
    public GuardView pause(String actor, String comment, Instant until) {
        String why = required(comment, "a comment (why automatic retries are paused) is required");
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw new IllegalArgumentException("until (" + until + ") is not in the future (now " + now
                    + "): give a later time, or none to pause until someone resumes");
        }
        var pause = new GuardPause.Pause(actor, now, until, why);
        guard.pause(pause);
        audit.record(AuditEntry.of(now, actor, "GUARD_PAUSE", TARGET_TYPE, TARGET_ID, why,
                "automatic retries paused " + (until == null ? "until resumed" : "until " + until)));
        return view();
    }

    /** Ends the manual pause (audited even when none was in force). */
    public GuardView resume(String actor, String comment) {
        var was = guard.resume();
        audit.record(AuditEntry.of(clock.instant(), actor, "GUARD_RESUME", TARGET_TYPE, TARGET_ID, comment,
                was.map(p -> "ended the pause of " + p.by() + " at " + p.at()).orElse("no pause was in force")));
        return view();
    }

    private static String required(String comment, String message) {
        if (comment == null || comment.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return comment.strip();
    }
}
