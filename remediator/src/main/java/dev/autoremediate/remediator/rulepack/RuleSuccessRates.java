package dev.autoremediate.remediator.rulepack;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the retries each rule caused turned out: over the decision table, per {@code rule_id}, how many decisions are
 * SUCCEEDED and FAILED (set when the outcome of the retried run arrives) and how many retries are still waiting for
 * one (APPLIED). For the review UI and the log.
 */
public final class RuleSuccessRates {

    /**
     * @param ruleId    the rule that decided
     * @param succeeded retried runs that then succeeded
     * @param failed    retried runs that failed again
     * @param pending   retries sent whose outcome has not arrived
     */
    public record RuleSuccessRate(String ruleId, long succeeded, long failed, long pending) {

        /** Outcomes known. */
        public long finished() {
            return succeeded + failed;
        }

        /** succeeded / finished, NaN when no outcome is known yet. */
        public double successRate() {
            return finished() == 0 ? Double.NaN : (double) succeeded / finished();
        }
    }

    private final JdbcTemplate jdbc;

    public RuleSuccessRates(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** One row per rule that caused at least one retry, by rule id. */
    public List<RuleSuccessRate> all() {
        var rows = new ArrayList<RuleSuccessRate>();
        jdbc.query("""
                select rule_id,
                       sum(case when status = 'SUCCEEDED' then 1 else 0 end) as succeeded,
                       sum(case when status = 'FAILED' then 1 else 0 end) as failed,
                       sum(case when status = 'APPLIED' and action_type in ('RETRY', 'RETRY_WITH_CONFIG') then 1 else 0 end) as pending
                from decision
                where rule_id is not null and status in ('SUCCEEDED', 'FAILED', 'APPLIED')
                group by rule_id
                order by rule_id
                """, rs -> {
            long succeeded = rs.getLong("succeeded");
            long failed = rs.getLong("failed");
            long pending = rs.getLong("pending");
            if (succeeded + failed + pending > 0) {
                rows.add(new RuleSuccessRate(rs.getString("rule_id"), succeeded, failed, pending));
            }
        });
        return rows;
    }
}
