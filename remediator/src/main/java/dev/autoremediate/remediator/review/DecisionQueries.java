package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.remediator.store.OutboxMessage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-only queries over the decision store for the review UI and API. The status always comes from the
 * {@code status} column, which approval and outcomes update, not from the JSON stored at decision time.
 */
public final class DecisionQueries {

    public static final int MAX_PAGE_SIZE = 200;

    private final JdbcClient jdbc;
    private final ContractCodec codec;

    public DecisionQueries(DataSource dataSource, ContractCodec codec) {
        this.jdbc = JdbcClient.create(dataSource);
        this.codec = codec;
    }

    public PageOf<DecisionSummary> search(DecisionFilter filter, int page, int size) {
        int p = Math.max(0, page);
        int s = Math.min(Math.max(1, size), MAX_PAGE_SIZE);
        var where = new StringBuilder(" where 1 = 1");
        var params = new ArrayList<Object>();
        if (filter.jobId() != null) {
            where.append(" and job_id = ?");
            params.add(filter.jobId());
        }
        if (filter.owner() != null) {
            where.append(" and owner = ?");
            params.add(filter.owner());
        }
        if (filter.category() != null) {
            where.append(" and category = ?");
            params.add(filter.category().name());
        }
        if (filter.status() != null) {
            where.append(" and status = ?");
            params.add(filter.status().name());
        }
        if (filter.ruleId() != null) {
            where.append(" and rule_id = ?");
            params.add(filter.ruleId());
        }
        if (filter.from() != null) {
            where.append(" and decided_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and decided_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("select count(*) from decision" + where).params(params).query(Long.class).single();
        var pageParams = new ArrayList<>(params);
        pageParams.add((long) p * s);
        pageParams.add(s);
        List<DecisionSummary> items = jdbc.sql("select decision_json, status, owner from decision" + where
                        + " order by decided_at desc, decision_id offset ? rows fetch first ? rows only")
                .params(pageParams)
                .query((rs, n) -> DecisionSummary.of(decision(rs), rs.getString("owner")))
                .list();
        return new PageOf<>(items, p, s, total);
    }

    public Optional<StoredRow> find(String decisionId) {
        return jdbc.sql("select decision_json, status, owner, event_json from decision where decision_id = ?")
                .param(decisionId)
                .query((rs, n) -> new StoredRow(decision(rs), rs.getString("event_json"), rs.getString("owner")))
                .optional();
    }

    /** Every decision of a run, by attempt. */
    public List<StoredRow> ofRun(String runId) {
        return jdbc.sql("select decision_json, status, owner, event_json from decision where run_id = ? "
                        + "order by attempt, decided_at")
                .param(runId)
                .query((rs, n) -> new StoredRow(decision(rs), rs.getString("event_json"), rs.getString("owner")))
                .list();
    }

    /** The outbox messages of a decision, oldest first (published or still waiting). */
    public List<OutboxMessage> outboxOf(String decisionId) {
        return jdbc.sql("select id, topic, message_key, payload, decision_id, created_at, published_at from outbox "
                        + "where decision_id = ? order by id")
                .param(decisionId)
                .query((rs, n) -> new OutboxMessage(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
                        rs.getString("payload"), rs.getString("decision_id"), instant(rs, "created_at"),
                        instant(rs, "published_at")))
                .list();
    }

    /** Hits and final outcomes per deciding rule, counted from the store (the default {@link RuleStatistics}). */
    public Map<String, RuleStats> byRule() {
        var stats = new HashMap<String, RuleStats>();
        jdbc.sql("""
                select rule_id, count(*) as hits,
                       sum(case when status = 'SUCCEEDED' then 1 else 0 end) as succeeded,
                       sum(case when status = 'FAILED' then 1 else 0 end) as failed
                from decision where rule_id is not null group by rule_id""")
                .query(rs -> {
                    stats.put(rs.getString("rule_id"), new RuleStats(rs.getLong("hits"), rs.getLong("succeeded"),
                            rs.getLong("failed")));
                });
        return stats;
    }

    /** Decision counts by status. */
    public Map<DecisionStatus, Long> countByStatus() {
        var counts = new HashMap<DecisionStatus, Long>();
        jdbc.sql("select status, count(*) from decision group by status")
                .query(rs -> {
                    counts.put(DecisionStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** The events of the newest unclassified (UNKNOWN) decisions, for grouping by message template. */
    public List<StoredRow> unclassified(int limit) {
        return jdbc.sql("select decision_json, status, owner, event_json from decision where category = 'UNKNOWN' "
                        + "order by decided_at desc fetch first ? rows only")
                .param(limit)
                .query((rs, n) -> new StoredRow(decision(rs), rs.getString("event_json"), rs.getString("owner")))
                .list();
    }

    /** Decisions taken since a time, oldest first, at most {@code limit} (for the dashboard's series). */
    public List<StoredRow> since(Instant from, int limit) {
        return jdbc.sql("select decision_json, status, owner, event_json from decision where decided_at >= ? "
                        + "order by decided_at fetch first ? rows only")
                .params(Timestamp.from(from), limit)
                .query((rs, n) -> new StoredRow(decision(rs), rs.getString("event_json"), rs.getString("owner")))
                .list();
    }

    private Decision decision(ResultSet rs) throws SQLException {
        return codec.read(rs.getString("decision_json"), Decision.class)
                .withStatus(DecisionStatus.valueOf(rs.getString("status")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
