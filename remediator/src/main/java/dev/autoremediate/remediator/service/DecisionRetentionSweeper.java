package dev.autoremediate.remediator.service;

import dev.autoremediate.remediator.store.DecisionRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decision retention (opt-in, {@code autoremediate.decision.retention}): deletes the settled decisions decided longer
 * than {@code retention} ago, with their outbox rows; what is kept, and why, is {@link DecisionRetention}'s contract.
 * Without a retention (the default) it deletes nothing and never starts a thread.
 *
 * <p>Works in ranges of {@code batchSize} decisions in {@code decided_at} order, one short transaction each, and stops
 * at the first decision decided after the cutoff. After a range that deleted decisions it pauses as long as the range
 * took, so that a backlog (the first sweep over a store that kept everything for years) never holds the store for
 * long. Of several instances on one store only the holder of the {@link PublisherLease} sweeps (checked before every
 * range); with {@link PublisherLease#sole()} (an embedded H2 store) the single instance does.
 *
 * <p>Runs on its own daemon thread ({@link #start}): a sweep that fails (store down) logs one WARN and is tried again
 * at the next interval. One INFO line per sweep that deleted anything, nothing at INFO otherwise.
 */
public final class DecisionRetentionSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionRetentionSweeper.class);

    /** Decisions per transaction by default: with their outbox rows about 1 MB deleted per commit. */
    public static final int DEFAULT_BATCH = 500;

    private final DecisionRetention store;
    private final PublisherLease lease;
    private final Clock clock;
    private final Duration retention;
    private final int batchSize;
    private final AtomicLong deleted = new AtomicLong();
    private final SweepTimer timer = new SweepTimer("decision-retention");

    /** @param retention null: keep every decision (the sweeper does nothing) */
    public DecisionRetentionSweeper(DecisionRetention store, PublisherLease lease, Clock clock, Duration retention,
            int batchSize) {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("the decision retention must be positive: " + retention);
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
     * Deletes the settled decisions decided before now minus the retention, while this instance holds the lease.
     *
     * @return how many decisions were deleted (0 on a standby, and without a retention)
     */
    public int sweep() {
        if (retention == null) {
            return 0;
        }
        if (!lease.holds()) {
            log.debug("Decision retention: not the holder of the outbox lease, nothing swept");
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        int deletedNow = 0;
        int kept = 0;
        long began = System.nanoTime();
        try {
            DecisionRetention.Cursor after = null;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    break; // closing
                }
                if (!lease.holds()) {
                    log.debug("Decision retention: the outbox lease was lost, sweep stopped");
                    break;
                }
                long rangeBegan = System.nanoTime();
                var range = store.deleteRange(after, batchSize, cutoff, now);
                deletedNow += range.deleted();
                kept += range.kept();
                deleted.addAndGet(range.deleted());
                if (range.last() == null) {
                    break; // no decision left before the cutoff
                }
                after = range.last();
                if (range.deleted() > 0 && !SweepTimer.pauseAsLongAs(System.nanoTime() - rangeBegan)) {
                    break; // closing
                }
            }
        } finally {
            if (deletedNow > 0) {
                log.info("Decision retention: deleted {} settled decisions decided before {} with their outbox rows, "
                        + "kept {} older ones still needed, in {} ms (autoremediate.decision.retention {})", deletedNow,
                        cutoff, kept, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), shown(retention));
            }
        }
        return deletedNow;
    }

    /** {@code 90d} for whole days, as the key is usually written; else the ISO form ({@code PT36H}). */
    public static String shown(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toString();
    }

    /** Decisions deleted by this instance since it started (the counter {@code autoremediate_decisions_deleted}). */
    public long deletedTotal() {
        return deleted.get();
    }

    /** The retention; null when decisions are kept forever. */
    public Duration retention() {
        return retention;
    }

    /** For the timer: never throws. */
    void sweepQuietly(Duration interval) {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Decision retention sweep failed; will retry in {}: {}", interval, e.toString());
        }
    }

    /**
     * Sweeps on a daemon thread of its own, first after {@code firstDelay}, then every {@code interval}; does nothing
     * without a retention.
     */
    public void start(Duration firstDelay, Duration interval) {
        if (retention == null) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("the retention sweep interval must be positive: " + interval);
            }
            return;
        }
        timer.start(firstDelay, interval, () -> sweepQuietly(interval));
    }

    /** Whether a timer was started (only with a retention). */
    public boolean started() {
        return timer.started();
    }

    /** Stops the timer; a sweep under way ends after its current range. */
    @Override
    public void close() {
        timer.close();
    }
}
