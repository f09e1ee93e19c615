package dev.autoremediate.remediator.store;

import dev.autoremediate.remediator.policy.BreakerTrip;
import dev.autoremediate.remediator.policy.RateBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link RateBudget} in the store (table {@code action_budget}, Flyway V10), shared by every instance of the service
 * on one database: fixed windows, multiples of the period since the epoch by the injected {@link Clock} (the instances'
 * clocks must agree to about a window, as they do with NTP; a skew at most shifts a window's edge). A permit is taken
 * with one conditional update, atomic across instances: it refills the row when its window is over, or counts one
 * more while fewer than the limit were used.
 */
public final class JdbcRateBudget implements RateBudget {

    /** The row of the rate limit of automatic retries, inserted by the migration. */
    public static final String AUTOMATIC_RETRIES = "automatic-retries";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final String name;
    private final int limit;
    private final long periodMillis;
    private final Clock clock;

    /** @param name the budget's row in {@code action_budget} (it must exist: {@link #AUTOMATIC_RETRIES}) */
    public JdbcRateBudget(DataSource dataSource, String name, int limitForPeriod, Duration refreshPeriod, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.name = Objects.requireNonNull(name, "name");
        this.limit = limitForPeriod;
        this.periodMillis = Math.max(1, refreshPeriod.toMillis());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes a permit of the window: starts the window's count when the row still counts an earlier one, else adds one
     * while fewer than the limit were taken. Parameters: window, window, name, window, limit.
     */
    private static final String TAKE = """
            update action_budget
            set used = case when window_no = ? then used + 1 else 1 end, window_no = ?
            where name = ? and (window_no <> ? or used < ?)""";

    /** @throws DataAccessException when the store cannot be reached */
    @Override
    public boolean tryTake() {
        long window = window();
        return jdbc.sql(TAKE)
                .params(window, window, name, window, limit)
                .update() == 1;
    }

    /**
     * With a {@link JdbcBreakerTrip} of the same store, one statement: the conditional update above, which also finds
     * no other instance's trip and no manual pause in force (so a retry that they hold takes no permit). Otherwise the
     * interface's default (ask the trip, then take).
     *
     * @throws DataAccessException when the store cannot be reached
     */
    @Override
    public boolean tryTakeUnlessTripped(BreakerTrip trip, Instant now) {
        if (!(trip instanceof JdbcBreakerTrip inStore) || !inStore.isIn(dataSource)) {
            return RateBudget.super.tryTakeUnlessTripped(trip, now);
        }
        long window = window();
        return jdbc.sql(TAKE + " and " + JdbcBreakerTrip.NOT_TRIPPED_ELSEWHERE)
                .params(window, window, name, window, limit, inStore.name(), inStore.pauseName(), inStore.holder(),
                        now.toEpochMilli())
                .update() == 1;
    }

    @Override
    public int available() {
        long window = window();
        try {
            return jdbc.sql("select window_no, used from action_budget where name = ?").param(name)
                    .query((rs, n) -> rs.getLong("window_no") == window ? Math.max(0, limit - rs.getInt("used")) : limit)
                    .optional().orElse(0);
        } catch (DataAccessException e) {
            return -1;
        }
    }

    private long window() {
        return Math.floorDiv(clock.millis(), periodMillis);
    }
}
