package dev.autoremediate.remediator.store;

import dev.autoremediate.remediator.policy.BreakerTrip;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link BreakerTrip} in the store (table {@code breaker_trip}, Flyway V12, one row), shared by every instance of
 * the service on one database.
 *
 * <p>Times are epoch milliseconds of the guard's {@code Clock}, given by the caller, not the database's clock: the
 * breaker itself judges its open wait by that clock, so a trip that lasts "the breaker's wait" must be measured by the
 * same one (a test that moves the service's clock, or a trip written while the store's clock runs apart, then agrees
 * with the breaker). The instances' clocks agree to well under a second with NTP, against a trip of minutes: a skew
 * only moves the end of a dead holder's trip by as much. (The outbox lease uses the database's clock because there
 * a skew could let two publishers overlap; here it could only end a hold a little early or late.)
 *
 * <p>Several instances may trip at once: a trip replaces the row when it is free, expired, this instance's, or lasts
 * less long than the new one, so the row names the trip that lasts longest; each instance clears only its own.
 */
public final class JdbcBreakerTrip implements BreakerTrip {

    /** The row of the circuit breaker of automatic retries, inserted by the migration. */
    public static final String AUTOMATIC_RETRIES = "automatic-retries";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final String name;
    private final String holder;

    /**
     * @param name   the trip's row in {@code breaker_trip} (it must exist: {@link #AUTOMATIC_RETRIES})
     * @param holder this instance's id (at most 200 characters)
     */
    public JdbcBreakerTrip(DataSource dataSource, String name, String holder) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.name = Objects.requireNonNull(name, "name");
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    @Override
    public String holder() {
        return holder;
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public void trip(String state, Instant since, Instant until) {
        long untilMs = until.toEpochMilli();
        jdbc.sql("""
                update breaker_trip set holder = ?, state = ?, since_ms = ?, until_ms = ?
                where name = ? and (holder is null or holder = ? or until_ms <= ? or until_ms < ?)""")
                .params(holder, state, since.toEpochMilli(), untilMs, name, holder, since.toEpochMilli(), untilMs)
                .update();
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public void clear() {
        jdbc.sql("update breaker_trip set holder = null, state = null, since_ms = null, until_ms = 0"
                        + " where name = ? and holder = ?")
                .params(name, holder)
                .update();
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public Optional<Trip> ofAnotherInstance(Instant now) {
        return jdbc.sql("select t.holder, t.state, t.until_ms from breaker_trip t where " + IN_FORCE_ELSEWHERE)
                .params(name, holder, now.toEpochMilli())
                .query((rs, n) -> new Trip(rs.getString("holder"), rs.getString("state"),
                        Instant.ofEpochMilli(rs.getLong("until_ms"))))
                .optional();
    }

    /** Whether the row is in {@code store} (a budget there can check it in its own statement). */
    boolean isIn(DataSource store) {
        return dataSource == store;
    }

    /**
     * Row {@code t} is another instance's trip in force: parameters {@link #name}, {@link #holder}, now in epoch
     * milliseconds.
     */
    private static final String IN_FORCE_ELSEWHERE =
            "t.name = ? and t.holder is not null and t.holder <> ? and t.until_ms > ?";

    /**
     * The condition, for a statement of the same store, that no other instance's trip is in force: parameters
     * {@link #name}, {@link #holder}, now in epoch milliseconds.
     */
    static final String NOT_TRIPPED_ELSEWHERE = "not exists (select 1 from breaker_trip t where " + IN_FORCE_ELSEWHERE
            + ")";

    String name() {
        return name;
    }
}
