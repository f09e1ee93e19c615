package dev.autoremediate.remediator.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lease of the outbox publisher in the store (table {@code outbox_lease}, one row, Flyway V9): of several
 * instances of the service on one database, only the one holding it publishes. Every time is the database's
 * ({@code current_timestamp}), never a JVM's, so clock skew between hosts cannot make two holders.
 */
public final class OutboxLease {

    /** "Now + the TTL" as H2 2.4 and PostgreSQL 15 both write it (a bare {@code ? * interval} has no type on H2). */
    private static final String EXPIRY = "current_timestamp + cast(? as bigint) * interval '0.001' second";

    private final JdbcClient jdbc;

    public OutboxLease(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Takes the lease for {@code holder} or renews it, for {@code ttl} from the database's now: one conditional update
     * that succeeds when {@code holder} has it already or it has expired.
     *
     * @return whether {@code holder} holds the lease now
     */
    public boolean acquire(String holder, Duration ttl) {
        return jdbc.sql("""
                update outbox_lease
                set acquired_at = case when holder = ? and expires_at >= current_timestamp then acquired_at
                        else current_timestamp end,
                    holder = ?, expires_at = %s
                where name = 'outbox' and (holder = ? or expires_at < current_timestamp)""".formatted(EXPIRY))
                .params(holder, holder, ttl.toMillis(), holder)
                .update() == 1;
    }

    /** Gives the lease up at once, if {@code holder} has it, so that another instance can take it on its next try. */
    public void release(String holder) {
        jdbc.sql("update outbox_lease set expires_at = current_timestamp where name = 'outbox' and holder = ?")
                .param(holder).update();
    }

    /** Who holds the lease, and until when; empty when nobody does (never taken, released or expired). */
    public Optional<Holder> holder() {
        return jdbc.sql("""
                select holder, acquired_at, expires_at from outbox_lease
                where name = 'outbox' and holder is not null and expires_at >= current_timestamp""")
                .query((rs, n) -> new Holder(rs.getString("holder"), instant(rs.getTimestamp("acquired_at")),
                        instant(rs.getTimestamp("expires_at"))))
                .optional();
    }

    /** The holder of the lease, since when it holds it without a break, and when it expires unless renewed. */
    public record Holder(String holder, Instant acquiredAt, Instant expiresAt) {
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
