package dev.autoremediate.remediator.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clearing the payloads of delivered outbox messages (table {@code outbox_retention}, Flyway V11). A message is
 * <em>settled</em> once nothing will change it any more: delivered ({@code DELIVERED}) before the cutoff, whose payload
 * is cleared here, or given up ({@code FAILED}), whose payload is kept for on-call. {@code PENDING} messages and those
 * delivered after the cutoff are not settled and never touched.
 *
 * <p>The outbox is walked by ranges of its primary key, one short transaction per range; the store keeps the id below
 * which every row is settled (the <em>watermark</em>), so each sweep starts where the settled history ends. The
 * watermark only moves past rows that were seen settled, never past the first unsettled one nor past an id not yet
 * visible (an insert that took its id but has not committed yet), so no row is skipped.
 */
public final class OutboxRetention {

    /**
     * Not settled, for the watermark: pending, delivered after the cutoff, or created after {@code settleBefore} (a
     * recent row's payload may be cleared, but the watermark stays below it: an insert that took a lower id and has
     * not committed yet may still appear below it).
     */
    private static final String UNSETTLED = "(delivery_status = 'PENDING' or (delivery_status = 'DELIVERED' and "
            + "(published_at is null or published_at >= ?)) or created_at >= ?)";

    /**
     * How old a row must be before the watermark passes it: longer than any transaction of the service stays open,
     * so no insert that took a lower id can still be uncommitted.
     */
    public static final Duration IN_FLIGHT_MARGIN = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public OutboxRetention(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Every outbox row below this id is settled. */
    public long watermark() {
        return jdbc.sql("select settled_below from outbox_retention where name = 'outbox'").query(Long.class).single();
    }

    /**
     * The lowest id of an outbox row at or above {@code fromId}; empty when there is none. Read as the first row in id
     * order, not as {@code min(id)}: H2 computes {@code min(id) ... where id >= ?} by scanning every row of the range
     * (200-600 ms over 300,000 rows), and a sweep asks once per range.
     */
    public OptionalLong firstIdFrom(long fromId) {
        return jdbc.sql("select id from outbox where id >= ? order by id fetch first 1 rows only").param(fromId)
                .query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * In one transaction: clears the payloads of the rows with an id in [{@code fromId}, {@code fromId + size}) that
     * were delivered before {@code cutoff}, and, when {@code advance}, moves the watermark past the settled rows at
     * the start of the range, never past a row created at or after {@code now} minus {@link #IN_FLIGHT_MARGIN}.
     */
    public Range clear(long fromId, int size, Instant cutoff, Instant now, boolean advance) {
        long toId = fromId + size;
        Timestamp before = Timestamp.from(cutoff);
        Timestamp settleBefore = Timestamp.from(now.minus(IN_FLIGHT_MARGIN));
        return tx.execute(status -> {
            int cleared = jdbc.sql("""
                    update outbox set payload = ''
                    where id >= ? and id < ? and delivery_status = 'DELIVERED' and published_at < ? and payload <> ''""")
                    .params(fromId, toId, before).update();
            var seen = jdbc.sql("select min(case when " + UNSETTLED + " then id end) as first_unsettled, "
                            + "min(created_at) as oldest from outbox where id >= ? and id < ?")
                    .params(before, settleBefore, fromId, toId)
                    .query((rs, n) -> new Object[] {rs.getObject("first_unsettled"), rs.getTimestamp("oldest")})
                    .single();
            Long firstUnsettled = seen[0] == null ? null : ((Number) seen[0]).longValue();
            Instant oldest = seen[1] == null ? null : ((Timestamp) seen[1]).toInstant();
            if (advance) {
                // past the last row seen below the first unsettled one, not to the range's end: an id not visible
                // yet (an uncommitted insert) may still appear in between
                OptionalLong lastSettled = nullableLong(jdbc.sql("select max(id) from outbox where id >= ? and id < ?")
                        .params(fromId, firstUnsettled == null ? toId : firstUnsettled));
                if (lastSettled.isPresent()) {
                    long below = lastSettled.getAsLong() + 1;
                    jdbc.sql("update outbox_retention set settled_below = ? where name = 'outbox' and settled_below < ?")
                            .params(below, below).update();
                }
            }
            return new Range(cleared, firstUnsettled != null, oldest);
        });
    }

    /** The single value of an aggregate that is null over no rows. */
    private static OptionalLong nullableLong(JdbcClient.StatementSpec query) {
        return query.query((rs, n) -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
        }).single();
    }

    /**
     * What one range held.
     *
     * @param cleared   payloads cleared in it
     * @param unsettled whether it holds a row not settled yet (the watermark stops there)
     * @param oldest    the creation time of its oldest row; null when it holds none
     */
    public record Range(int cleared, boolean unsettled, Instant oldest) {
    }
}
