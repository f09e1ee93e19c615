package dev.autoremediate.remediator.approval;

import java.time.Duration;
import java.time.Instant;

/**
 * The guard of automatic retries as an on-call engineer reads it ({@code GET /api/v1/guard}, the dashboard's panel).
 *
 * @param instanceId        the instance that answered (its id in the shared trip)
 * @param automaticRetries  {@code RUNNING}, {@code PAUSED} (on-call's manual pause), {@code HELD_BY_BREAKER} (this
 *                          instance's breaker is open, or half-open with its trial under way),
 *                          {@code HELD_BY_OTHER_INSTANCE} (another instance's trip) or {@code UNKNOWN} (the store is
 *                          unreachable)
 * @param summary           one sentence saying the same, for a person
 * @param rateLimit         the global rate limit
 * @param breaker           this instance's circuit breaker
 * @param otherInstanceTrip another instance's trip in force; null when none (or unknown)
 * @param pause             the manual pause in force; null when none (or unknown)
 * @param storeReachable    false when the trip or the pause could not be read
 */
public record GuardView(String instanceId, String automaticRetries, String summary, RateLimit rateLimit,
        Breaker breaker, Trip otherInstanceTrip, Pause pause, boolean storeReachable) {

    /**
     * @param used      automatic retries taken in the current window (over every instance on the store); -1 unknown
     * @param limit     allowed per window
     * @param window    the window's length
     * @param available left in the current window; -1 unknown
     */
    public record RateLimit(boolean enabled, int used, int limit, Duration window, int available) {
    }

    /**
     * @param state                CLOSED, OPEN or HALF_OPEN
     * @param since                when it entered that state (the instance's start while it never left CLOSED)
     * @param failureRate          percent of the judged outcomes that failed; -1 while fewer than the minimum arrived
     * @param outcomes             outcomes of remediated retries it judged (in half-open: of the trial)
     * @param failedOutcomes       of which failed
     * @param failureRateThreshold percent that opens it
     * @param waitInOpen           how long it stays open before a trial
     */
    public record Breaker(boolean enabled, String state, Instant since, float failureRate, int outcomes,
            int failedOutcomes, float failureRateThreshold, Duration waitInOpen) {
    }

    /** @param holder the tripped instance; @param state OPEN or HALF_OPEN; @param until when it lapses by itself */
    public record Trip(String holder, String state, Instant until) {
    }

    /** @param until null: until someone resumes */
    public record Pause(String by, Instant at, Instant until, String comment) {
    }
}
