package dev.autoremediate.remediator.service;

import dev.autoremediate.remediator.store.OutboxRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox payload retention: clears the payload of every outbox message delivered longer than {@code retention} ago
 * (the decision row keeps the decision JSON; the outbox row itself stays, with its delivery state, for the review UI).
 * {@code PENDING} and {@code FAILED} messages are never touched: on-call needs a failed payload to inspect or resend
 * it.
 *
 * <p>Works in ranges of {@code batchSize} ids, one short transaction each ({@link OutboxRetention}), from where the
 * settled history ends, and stops at the first range whose rows are all younger than the cutoff. After a range that
 * cleared payloads it pauses as long as the range took, so that a large backlog (the first sweep over an old store)
 * never holds the store for long. Of several instances on one store only the holder of the {@link PublisherLease}
 * sweeps (checked before every range); with {@link PublisherLease#sole()} (an embedded H2 store) the single instance
 * does.
 *
 * <p>Runs on its own daemon thread ({@link #start}), never on the publisher's: a sweep that fails (store down) logs one
 * WARN and is tried again at the next interval. One INFO line per sweep that cleared anything, nothing at INFO
 * otherwise.
 */
public final class OutboxRetentionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetentionSweeper.class);

    /** Rows per transaction by default: short locks and small commits, also on H2. */
    public static final int DEFAULT_BATCH = 1_000;

    private final OutboxRetention store;
    private final PublisherLease lease;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;
    private final AtomicLong cleared = new AtomicLong();
    private final SweepTimer timer = new SweepTimer("outbox-retention");

    public OutboxRetentionSweeper(OutboxRetention store, PublisherLease lease, Clock clock, Duration retention,
            int batchSize) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("the outbox retention must not be negative: " + retention);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be positive: " + batchSize);
        }
        this.store = store;
        this.lease = lease;
        this.clock = clock;
        this.retention = retention;
        this.batchSize = batchSize;
    }

    /**
     * Clears the payloads delivered before now minus the retention, while this instance holds the lease.
     *
     * @return how many payloads were cleared (0 on a standby)
     */
    public int sweep() {
        if (!lease.holds()) {
            log.debug("Outbox retention: not the holder of the outbox lease, nothing swept");
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        int clearedNow = 0;
        boolean advance = true;
        try {
            long from = store.watermark();
            while (true) {
                var first = store.firstIdFrom(from);
                if (first.isEmpty()) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    break; // closing
                }
                if (!lease.holds()) {
                    log.debug("Outbox retention: the outbox lease was lost, sweep stopped");
                    break;
                }
                long began = System.nanoTime();
                var range = store.clear(first.getAsLong(), batchSize, cutoff, now, advance);
                clearedNow += range.cleared();
                cleared.addAndGet(range.cleared());
                advance &= !range.unsettled();
                if (range.oldest() != null && !range.oldest().isBefore(cutoff)) {
                    break; // every row from here on was created after the cutoff
                }
                from = first.getAsLong() + batchSize;
                if (range.cleared() > 0 && !SweepTimer.pauseAsLongAs(System.nanoTime() - began)) {
                    break; // closing
                }
            }
        } finally {
            if (clearedNow > 0) {
                log.info("Outbox retention: cleared the payloads of {} messages delivered before {} "
                        + "(autoremediate.outbox.retention {})", clearedNow, cutoff, retention);
            }
        }
        return clearedNow;
    }

    /** Payloads cleared by this instance since it started (the counter {@code autoremediate_outbox_payloads_cleared}). */
    public long clearedTotal() {
        return cleared.get();
    }

    public Duration retention() {
        return retention;
    }

    /** For the timer: never throws. */
    void sweepQuietly(Duration interval) {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Outbox retention sweep failed; will retry in {}: {}", interval, e.toString());
        }
    }

    /**
     * Sweeps on a daemon thread of its own, first after {@code firstDelay}, then every {@code interval}; a sweep after a
     * range that cleared payloads pauses as long as the range took (at most {@value SweepTimer#MAX_PAUSE_MILLIS} ms),
     * so that a backlog (the first sweep over an old store) takes at most half of the store's time from the consumer.
     */
    public void start(Duration firstDelay, Duration interval) {
        timer.start(firstDelay, interval, () -> sweepQuietly(interval));
    }

    /** Stops the timer; a sweep under way ends after its current range. */
    @Override
    public void close() {
        timer.close();
    }
}
