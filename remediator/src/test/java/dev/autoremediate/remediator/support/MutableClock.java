package dev.autoremediate.remediator.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move forward by hand, so that backoff and waits are checked without waiting for them: either
 * standing still at a given instant, or ({@link #shiftingSystemTime()}) the system clock moved forward by what
 * {@link #advance} adds, so that time runs as usual for everything in the service and a wait of an hour (a circuit
 * breaker's open state) passes in an instant.
 */
public final class MutableClock extends Clock {

    private volatile Instant start; // null: the system clock's time
    private volatile Duration offset = Duration.ZERO;

    public MutableClock(Instant start) {
        this.start = start;
    }

    /** The system clock, moved forward by what {@link #advance} adds. */
    public static MutableClock shiftingSystemTime() {
        return new MutableClock(null);
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    /** Stands the clock still at {@code instant}. */
    public void set(Instant instant) {
        start = instant;
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant base = start;
        return (base == null ? Instant.now() : base).plus(offset);
    }
}
