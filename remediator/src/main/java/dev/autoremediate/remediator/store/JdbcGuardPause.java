package dev.autoremediate.remediator.store;

import dev.autoremediate.remediator.policy.BreakerTrip;
import dev.autoremediate.remediator.policy.GuardPause;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The manual pause of automatic retries in the store: row {@link #AUTOMATIC_RETRIES_PAUSED} of {@code breaker_trip}
 * (Flyway V13), holder {@link BreakerTrip#PAUSE_HOLDER}, state {@code PAUSED}. Because it is a row of the trip's table
 * with a holder no instance has, the checks of a {@link JdbcBreakerTrip} (and the permit's conditional update of a
 * {@link JdbcRateBudget}) refuse while it is in force, on every instance, at no extra statement. Times are epoch
 * milliseconds of the writer's clock; a pause until resumed has {@code until_ms} = {@link Long#MAX_VALUE}.
 */
public final class JdbcGuardPause implements GuardPause {

    /** The row of the manual pause, inserted by the migration. */
    public static final String AUTOMATIC_RETRIES_PAUSED = "automatic-retries-paused";

    private final JdbcClient jdbc;
    private final String name;

    public JdbcGuardPause(DataSource dataSource) {
        this(dataSource, AUTOMATIC_RETRIES_PAUSED);
    }

    /** @param name the pause's row in {@code breaker_trip} (it must exist) */
    public JdbcGuardPause(DataSource dataSource, String name) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.name = Objects.requireNonNull(name, "name");
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public Optional<Pause> inForce(Instant now) {
        return jdbc.sql("select paused_by, since_ms, until_ms, comment from breaker_trip"
                        + " where name = ? and holder is not null and until_ms > ?")
                .params(name, now.toEpochMilli())
                .query((rs, n) -> {
                    long until = rs.getLong("until_ms");
                    return new Pause(rs.getString("paused_by"), Instant.ofEpochMilli(rs.getLong("since_ms")),
                            until == Long.MAX_VALUE ? null : Instant.ofEpochMilli(until),
                            Objects.requireNonNullElse(rs.getString("comment"), ""));
                })
                .optional();
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public void pause(Pause pause) {
        int rows = jdbc.sql("update breaker_trip set holder = ?, state = 'PAUSED', since_ms = ?, until_ms = ?,"
                        + " paused_by = ?, comment = ? where name = ?")
                .params(BreakerTrip.PAUSE_HOLDER, pause.at().toEpochMilli(),
                        pause.until() == null ? Long.MAX_VALUE : pause.until().toEpochMilli(), pause.by(),
                        pause.comment(), name)
                .update();
        if (rows != 1) {
            throw new IllegalStateException("no row " + name + " in breaker_trip: is the store migrated (V13)?");
        }
    }

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public Optional<Pause> resume(Instant now) {
        Optional<Pause> was = inForce(now);
        jdbc.sql("update breaker_trip set holder = null, state = null, since_ms = null, until_ms = 0, paused_by = null,"
                        + " comment = null where name = ?")
                .param(name)
                .update();
        return was;
    }
}
