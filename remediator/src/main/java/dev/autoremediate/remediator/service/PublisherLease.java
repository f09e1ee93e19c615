package dev.autoremediate.remediator.service;

import dev.autoremediate.remediator.store.OutboxLease;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance may publish the outbox: it holds the {@link OutboxLease} of the store. Of several instances
 * on one database one is the LEADER and publishes; the others are STANDBY (they consume and decide, their decisions
 * wait in the outbox) and take the lease over once it expires: within one TTL after the last renewal of a holder that
 * died, plus the time to their next try.
 *
 * <p>{@link #holds()} is asked right before every batch: it answers from memory while more than half the TTL is left
 * (no write per batch), renews the lease when less is left, and, without the lease, tries to take it at most every
 * tenth of the TTL. Its local view of the expiry is measured from before the renewing update, so it ends no later
 * than the database's. Thread-safe. Logs at INFO when the lease is taken, lost or released, never per batch.
 */
public final class PublisherLease {

    private static final Logger log = LoggerFactory.getLogger(PublisherLease.class);

    /** What this instance is: the publisher, or waiting to become it. */
    public enum Role {
        LEADER, STANDBY
    }

    private final OutboxLease lease;
    private final String holderId;
    private final Duration ttl;
    private final long ttlNanos;
    private final long retryNanos;

    // guarded by this
    private boolean held;
    private boolean tried;
    private boolean released;
    private long expiresAt;
    private long renewAt;
    private long nextTryAt;

    /** @param lease null: this publisher is the only one on its store and always holds the lease (tests, tools) */
    private PublisherLease(OutboxLease lease, String holderId, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the lease TTL must be positive: " + ttl);
        }
        this.lease = lease;
        this.holderId = holderId;
        this.ttl = ttl;
        this.ttlNanos = ttl.toNanos();
        this.retryNanos = Math.max(ttlNanos / 10, 1);
    }

    /** The lease of the store for an instance named by {@link #newHolderId()}. */
    public static PublisherLease of(OutboxLease lease, Duration ttl) {
        var keeper = new PublisherLease(lease, newHolderId(), ttl);
        log.info("Outbox publisher lease holder id {} (TTL {}): only the holder of the lease publishes the outbox",
                keeper.holderId, ttl);
        return keeper;
    }

    /** For a publisher known to be the only one on its store: always the LEADER, nothing is written. */
    public static PublisherLease sole() {
        return new PublisherLease(null, "sole-" + UUID.randomUUID(), Duration.ofDays(365));
    }

    /**
     * Whether {@code jdbcUrl} names a store that only one process can open: an embedded H2 database (file or memory),
     * not an H2 server ({@code tcp:}, {@code ssl:}) nor one with {@code AUTO_SERVER=TRUE}. False when unknown (null).
     */
    public static boolean isSingleProcessStore(String jdbcUrl) {
        if (jdbcUrl == null) {
            return false;
        }
        String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                && !url.replace(" ", "").contains(";auto_server=true");
    }

    /** Host name, process id and a random suffix: unique among the instances, and says which one it is. */
    static String newHolderId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Whether this instance may publish now: true when it holds the lease with at least half the TTL left (renewing
     * it first if less was left), false otherwise. Writes to the store only to renew or to try to take the lease.
     */
    public synchronized boolean holds() {
        if (lease == null) {
            return true;
        }
        if (released) {
            return false;
        }
        long now = System.nanoTime();
        if (held && now - renewAt < 0) {
            return true;
        }
        if (held && now - expiresAt >= 0) {
            lose("it was not renewed within its TTL");
        }
        if (!held && tried && now - nextTryAt < 0) {
            return false;
        }
        tried = true;
        nextTryAt = now + retryNanos;
        boolean got;
        try {
            got = lease.acquire(holderId, ttl);
        } catch (RuntimeException e) {
            log.debug("Could not take or renew the outbox publisher lease: {}", e.toString());
            return held; // still ours until expiresAt; the next batch tries again
        }
        if (got) {
            if (!held) {
                log.info("Outbox publisher lease acquired by {}: this instance publishes the outbox (LEADER)", holderId);
            }
            held = true;
            expiresAt = now + ttlNanos;
            renewAt = now + ttlNanos / 2;
        } else if (held) {
            lose("another instance holds it");
        }
        return got;
    }

    private void lose(String why) {
        held = false;
        log.info("Outbox publisher lease lost by {} ({}): this instance stops publishing (STANDBY)", holderId, why);
    }

    /** From memory, no store access: whether this instance held the lease at its last look and it has not expired. */
    public synchronized boolean held() {
        return lease == null || (held && System.nanoTime() - expiresAt < 0);
    }

    public Role role() {
        return held() ? Role.LEADER : Role.STANDBY;
    }

    /** Whether the lease is taken in the store, shared with other instances; false for {@link #sole()}. */
    public boolean inStore() {
        return lease != null;
    }

    public String holderId() {
        return holderId;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Who holds the lease according to the store (another instance, maybe); empty when nobody does. */
    public java.util.Optional<OutboxLease.Holder> currentHolder() {
        return lease == null ? java.util.Optional.of(new OutboxLease.Holder(holderId, null, null)) : lease.holder();
    }

    /**
     * Gives the lease up for good (on a clean shutdown): a standby takes it on its next try instead of after the TTL.
     * Never throws.
     */
    public synchronized void release() {
        if (lease == null || released) {
            return;
        }
        released = true;
        if (!tried) {
            return;
        }
        boolean was = held;
        held = false;
        try {
            lease.release(holderId);
            if (was) {
                log.info("Outbox publisher lease released by {} on shutdown", holderId);
            }
        } catch (RuntimeException e) {
            log.warn("Could not release the outbox publisher lease; another instance takes it when it expires: {}",
                    e.toString());
        }
    }
}
