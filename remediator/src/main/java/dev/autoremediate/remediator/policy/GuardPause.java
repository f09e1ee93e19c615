package dev.autoremediate.remediator.policy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The manual pause of automatic retries: an on-call engineer stops every automatic retry at once (each is held for
 * approval, PENDING_APPROVAL, and no retry command goes out) until they resume, or until a given time. Kept in the
 * store so that it survives a restart ({@code dev.autoremediate.remediator.store.JdbcGuardPause}, a row of
 * {@code breaker_trip}); {@link #inMemory()} for a process alone.
 *
 * <p>Written only by a person (the API); read by the guard at start and for its status. On a store that several
 * instances share, the guard does not read it per retry: the {@link BreakerTrip}'s conditional statement refuses while
 * the pause row is in force (see {@link BreakerTrip#shared()}).
 */
public interface GuardPause {

    /**
     * A pause.
     *
     * @param by      who paused (user or token name)
     * @param at      when
     * @param until   when it ends by itself; null: until someone resumes
     * @param comment why (never blank)
     */
    record Pause(String by, Instant at, Instant until, String comment) {

        public Pause {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(comment, "comment");
            // as the store keeps them (epoch milliseconds): the reason reads the same on every instance and store
            at = at.truncatedTo(ChronoUnit.MILLIS);
            until = until == null ? null : until.truncatedTo(ChronoUnit.MILLIS);
        }

        /** Whether it holds retries at {@code now}. */
        public boolean inForce(Instant now) {
            return until == null || now.isBefore(until);
        }

        /** The reason written into each decision it holds. */
        public String reason() {
            return "automatic retries paused by " + by + " at " + at + ": " + comment
                    + (until == null ? "" : " (until " + until + ")");
        }
    }

    /**
     * The pause in force at {@code now}, if any.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    Optional<Pause> inForce(Instant now);

    /**
     * Pauses (replaces a pause in force).
     *
     * @throws RuntimeException when the store cannot be reached
     */
    void pause(Pause pause);

    /**
     * Resumes: ends the pause.
     *
     * @return the pause that was in force at {@code now}, if any
     * @throws RuntimeException when the store cannot be reached
     */
    Optional<Pause> resume(Instant now);

    /** A pause of this process alone, in memory (tests, tools). */
    static GuardPause inMemory() {
        return new GuardPause() {
            private volatile Pause current;

            @Override
            public Optional<Pause> inForce(Instant now) {
                Pause p = current;
                return p != null && p.inForce(now) ? Optional.of(p) : Optional.empty();
            }

            @Override
            public void pause(Pause pause) {
                current = Objects.requireNonNull(pause, "pause");
            }

            @Override
            public synchronized Optional<Pause> resume(Instant now) {
                Optional<Pause> was = inForce(now);
                current = null;
                return was;
            }
        };
    }
}
