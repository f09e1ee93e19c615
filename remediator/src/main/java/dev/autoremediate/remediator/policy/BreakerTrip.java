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
 *
 * <p>A trip in a store that several instances share ({@link #shared()}) also carries the on-call engineer's controls:
 * its checks refuse while the manual pause ({@link GuardPause}) is in force, and a person can clear the trip whoever
 * holds it ({@link #clearForEveryone}); the holder learns of it from {@link #clearedByOnCallAt()}.
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

    /**
     * Whether this trip is in a store shared with other instances: then its checks ({@link #holding} and a
     * {@link RateBudget}'s {@code tryTakeUnlessTripped}) also refuse while the manual pause of that store is in force,
     * and {@link #clearForEveryone} and {@link #clearedByOnCallAt} reach the other instances. False for {@link #NONE}.
     */
    default boolean shared() {
        return false;
    }

    /**
     * What holds this instance's retries at {@code now}: the manual pause (state {@code PAUSED}, holder
     * {@link #PAUSE_HOLDER}) before another instance's trip. This default knows no pause: {@link #ofAnotherInstance}.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    default Optional<Trip> holding(Instant now) {
        return ofAnotherInstance(now);
    }

    /**
     * The same store's checks of the manual pause alone, without the trip (for a guard whose circuit breaker is
     * disabled but whose retries a pause must still hold). {@link #NONE} when not {@link #shared()}.
     */
    default BreakerTrip pauseOnly() {
        return NONE;
    }

    /**
     * A person cleared the trip (on-call resumed automatic retries at {@code at}): clears it whoever holds it, and
     * records when, so that its holder closes its breaker too. Nothing when not {@link #shared()}.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    default void clearForEveryone(Instant at) {
    }

    /**
     * When a person last cleared the trip ({@link #clearForEveryone}), if ever; read by the holder while its breaker is
     * not closed. Empty when not {@link #shared()}.
     *
     * @throws RuntimeException when the store cannot be reached
     */
    default Optional<Instant> clearedByOnCallAt() {
        return Optional.empty();
    }

    /** The holder of the manual pause's row: never an instance's id. */
    String PAUSE_HOLDER = "manual-pause";

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
