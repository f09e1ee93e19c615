package dev.autoremediate.remediator.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The trip of the circuit breaker of automatic retries, shared by every instance of the service on one store: an
 * instance whose breaker opens (or runs its half-open trial) records it here, and the others hold their automatic
 * retries for approval while it is in force. The service keeps it in the store
 * ({@code dev.autoremediate.remediator.store.JdbcBreakerTrip}, table {@code breaker_trip}); {@link #NONE} is for a
 * process alone (nothing is shared).
 *
 * <p>Written only when this instance's breaker changes state; read once per automatic retry that this instance's own
 * breaker lets through (with a store-backed {@link RateBudget}, in the same statement that takes the permit).
 */
public interface BreakerTrip {

    /**
     * A trip in force.
     *
     * @param holder the id of the instance whose breaker is open or half-open
     * @param state  OPEN or HALF_OPEN
     * @param until  when it lapses if its holder does not close or renew it (a holder that died)
     */
    record Trip(String holder, String state, Instant until) {

        public Trip {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(until, "until");
        }
    }

    /** This instance's id, the holder it writes. */
    String holder();

    /**
     * This instance's breaker opened or went half-open at {@code since}: its trip holds every other instance until
     * {@code until} at the latest. Does not replace another instance's trip that lasts longer.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    void trip(String state, Instant since, Instant until);

    /**
     * This instance's breaker closed: clears its trip (not another instance's).
     *
     * @throws RuntimeException when the store cannot be reached
     */
    void clear();

    /**
     * Another instance's trip in force at {@code now}, if any (this instance's own trip is not returned: its breaker
     * judges for itself).
     *
     * @throws RuntimeException when the store cannot be reached
     */
    Optional<Trip> ofAnotherInstance(Instant now);

    /** Nothing shared: a process alone (tests, tools, the in-memory guard). */
    BreakerTrip NONE = new BreakerTrip() {
        @Override
        public String holder() {
            return "this-process";
        }

        @Override
        public void trip(String state, Instant since, Instant until) {
        }

        @Override
        public void clear() {
        }

        @Override
        public Optional<Trip> ofAnotherInstance(Instant now) {
            return Optional.empty();
        }
    };
}
