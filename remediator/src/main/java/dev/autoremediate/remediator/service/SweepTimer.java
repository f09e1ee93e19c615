package dev.autoremediate.remediator.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The daemon thread of a background sweep of the store (the outbox and the decision retentions): runs the sweep
 * first after a delay, then at a fixed delay after each one ended; and the pause a sweep makes after a range that
 * changed rows, so that a backlog takes at most half of the store's time from the consumer.
 */
final class SweepTimer implements AutoCloseable {

    /** The longest pause after a range. */
    static final long MAX_PAUSE_MILLIS = 1_000;

    private final String threadName;
    private ScheduledExecutorService timer;

    SweepTimer(String threadName) {
        this.threadName = threadName;
    }

    /** Runs {@code sweep} (which must not throw) on the thread, first after {@code firstDelay}, then every {@code interval}. */
    synchronized void start(Duration firstDelay, Duration interval, Runnable sweep) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the retention sweep interval must be positive: " + interval);
        }
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(sweep, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized boolean started() {
        return timer != null;
    }

    /** Stops the thread: a sweep under way is interrupted and ends after its current range (waited for up to 10 s). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After a range that changed rows, as long again as it took (at most {@value #MAX_PAUSE_MILLIS} ms).
     *
     * @return false when interrupted (closing)
     */
    static boolean pauseAsLongAs(long tookNanos) {
        long millis = Math.min(TimeUnit.NANOSECONDS.toMillis(tookNanos), MAX_PAUSE_MILLIS);
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
