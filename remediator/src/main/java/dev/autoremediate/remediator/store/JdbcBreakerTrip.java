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
 * less long than the new one, so the row names the trip that lasts longest; each instance clears only its own, except a
 * person from the API ({@link #clearForEveryone}), which also records when ({@code cleared_ms}, V13) for the holder to
 * learn of it.
 *
 * <p>Its checks (the read of what holds a retry, and the condition that a {@link JdbcRateBudget} of the same store
 * appends to its permit's update) look at two rows: the trip's and the manual pause's ({@link JdbcGuardPause}, V13,
 * holder {@link #PAUSE_HOLDER}), so that a pause holds every instance's retries in the same one statement.
 */
public final class JdbcBreakerTrip implements BreakerTrip {

    /** The row of the circuit breaker of automatic retries, inserted by the migration. */
    public static final String AUTOMATIC_RETRIES = "automatic-retries";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final String name;
    private final String pauseName;
    private final String holder;

    /**
     * With the manual pause of automatic retries ({@link JdbcGuardPause#AUTOMATIC_RETRIES_PAUSED}).
     *
     * @param name   the trip's row in {@code breaker_trip} (it must exist: {@link #AUTOMATIC_RETRIES})
     * @param holder this instance's id (at most 200 characters)
     */
    public JdbcBreakerTrip(DataSource dataSource, String name, String holder) {
        this(dataSource, name, JdbcGuardPause.AUTOMATIC_RETRIES_PAUSED, holder);
    }

    /**
     * @param pauseName the manual pause's row in {@code breaker_trip}, checked with the trip (it must exist)
     */
    public JdbcBreakerTrip(DataSource dataSource, String name, String pauseName, String holder) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.name = Objects.requireNonNull(name, "name");
        this.pauseName = Objects.requireNonNull(pauseName, "pauseName");
        this.holder = Objects.requireNonNull(holder, "holder");
        if (PAUSE_HOLDER.equals(holder)) {
            throw new IllegalArgumentException(PAUSE_HOLDER + " is the manual pause's holder, not an instance id");
        }
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
                .params(name, name, holder, now.toEpochMilli())
                .query((rs, n) -> new Trip(rs.getString("holder"), rs.getString("state"),
                        Instant.ofEpochMilli(rs.getLong("until_ms"))))
                .optional();
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public Optional<Trip> holding(Instant now) {
        return jdbc.sql("select t.holder, t.state, t.until_ms from breaker_trip t where " + IN_FORCE_ELSEWHERE
                        + " order by case when t.name = ? then 0 else 1 end")
                .params(name, pauseName, holder, now.toEpochMilli(), pauseName)
                .query((rs, n) -> new Trip(rs.getString("holder"), rs.getString("state"),
                        Instant.ofEpochMilli(rs.getLong("until_ms"))))
                .list().stream().findFirst();
    }

    /** For checks only (its {@code trip} and {@code clear} would write the pause's row: the guard never calls them). */
    @Override
    public BreakerTrip pauseOnly() {
        return new JdbcBreakerTrip(dataSource, pauseName, pauseName, holder);
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public void clearForEveryone(Instant at) {
        jdbc.sql("update breaker_trip set holder = null, state = null, since_ms = null, until_ms = 0, cleared_ms = ?"
                        + " where name = ?")
                .params(at.toEpochMilli(), name)
                .update();
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public Optional<Instant> clearedByOnCallAt() {
        return jdbc.sql("select cleared_ms from breaker_trip where name = ?").param(name)
                .query((rs, n) -> {
                    long ms = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(ms));
                })
                .optional().flatMap(o -> o);
    }

    /** Whether the row is in {@code store} (a budget there can check it in its own statement). */
    boolean isIn(DataSource store) {
        return dataSource == store;
    }

    /**
     * Row {@code t} is another holder's trip (or the manual pause) in force: parameters {@link #name},
     * {@link #pauseName} (or the name again for the trip alone), {@link #holder}, now in epoch milliseconds.
     */
    private static final String IN_FORCE_ELSEWHERE =
            "t.name in (?, ?) and t.holder is not null and t.holder <> ? and t.until_ms > ?";

    /**
     * The condition, for a statement of the same store, that neither another instance's trip nor the manual pause is
     * in force: parameters {@link #name}, {@link #pauseName}, {@link #holder}, now in epoch milliseconds.
     */
    static final String NOT_TRIPPED_ELSEWHERE = "not exists (select 1 from breaker_trip t where " + IN_FORCE_ELSEWHERE
            + ")";

    String name() {
        return name;
    }

    String pauseName() {
        return pauseName;
    }
}
