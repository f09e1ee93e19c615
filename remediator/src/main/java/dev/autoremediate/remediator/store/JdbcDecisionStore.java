package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The decision store on JDBC; the schema comes from the Flyway migrations and runs on H2 and PostgreSQL. */
public final class JdbcDecisionStore implements DecisionStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContractCodec codec;
    private final Clock clock;

    /** For the batched statements, which {@link JdbcClient} does not offer. */
    private final JdbcTemplate template;

    public JdbcDecisionStore(DataSource dataSource, ContractCodec codec, Clock clock) {
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public InsertResult insert(StoredDecision stored, List<OutboxMessage> outbox) {
        Decision d = stored.decision();
        try {
            tx.executeWithoutResult(status -> {
                jdbc.sql(INSERT_DECISION).params(decisionRow(stored)).update();
                Timestamp now = Timestamp.from(clock.instant());
                for (OutboxMessage m : outbox) {
                    jdbc.sql(INSERT_OUTBOX).params(outboxRow(m, d.decisionId(), now)).update();
                }
            });
            return InsertResult.stored();
        } catch (DuplicateKeyException alreadyDecided) {
            // the unique keys on the event id and on (run id, attempt) refused it; the transaction wrote nothing
            Optional<Decision> existing = findByEventId(d.eventId());
            if (existing.isPresent()) {
                return new InsertResult(InsertResult.Outcome.DUPLICATE_EVENT, existing);
            }
            return new InsertResult(InsertResult.Outcome.DUPLICATE_RUN_ATTEMPT, findByRunAttempt(d.runId(), d.attempt()));
        }
    }

    @Override
    public void insertAll(List<Insert> inserts) {
        if (inserts.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        var outboxRows = new java.util.ArrayList<Object[]>();
        var decisionRows = new java.util.ArrayList<Object[]>(inserts.size());
        for (Insert i : inserts) {
            decisionRows.add(decisionRow(i.decision()));
            for (OutboxMessage m : i.outbox()) {
                outboxRows.add(outboxRow(m, i.decision().decision().decisionId(), now));
            }
        }
        // the unique keys refuse a decided event or run attempt: DuplicateKeyException, and the transaction wrote nothing
        tx.executeWithoutResult(status -> {
            template.batchUpdate(INSERT_DECISION, decisionRows);
            template.batchUpdate(INSERT_OUTBOX, outboxRows);
        });
    }

    private static final String INSERT_DECISION = """
            insert into decision (decision_id, event_id, job_id, run_id, attempt, decided_at, category, source,
                rule_id, rule_pack_version, action_type, status, decision_json, event_json, owner)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_OUTBOX =
            "insert into outbox (topic, message_key, payload, decision_id, created_at) values (?, ?, ?, ?, ?)";

    /** The values of {@link #INSERT_DECISION} for a decision. */
    private Object[] decisionRow(StoredDecision stored) {
        Decision d = stored.decision();
        return new Object[] {d.decisionId(), d.eventId(), d.jobId(), d.runId(), d.attempt(),
            Timestamp.from(d.decidedAt()), d.classification().category().name(), d.classification().source().name(),
            d.classification().ruleId(), d.classification().rulePackVersion(), d.action().type().name(),
            d.status().name(), json(stored), stored.eventJson(), stored.owner()};
    }

    /** The values of {@link #INSERT_OUTBOX} for a message of decision {@code decisionId}. */
    private static Object[] outboxRow(OutboxMessage m, String decisionId, Timestamp now) {
        return new Object[] {m.topic(), m.key(), m.payload(), decisionId, now};
    }

    /**
     * Runs {@code query} on the distinct {@code ids} in chunks of 500, the most an {@code in (:ids)} list is given at
     * once.
     */
    private static void inChunks(java.util.Collection<String> ids, java.util.function.Consumer<List<String>> query) {
        var distinct = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < distinct.size(); from += 500) {
            query.accept(distinct.subList(from, Math.min(distinct.size(), from + 500)));
        }
    }

    @Override
    public java.util.Set<String> decidedEventIds(java.util.Collection<String> eventIds) {
        var decided = new java.util.HashSet<String>();
        inChunks(eventIds, chunk -> decided.addAll(jdbc.sql("select event_id from decision where event_id in (:ids)")
                .param("ids", chunk).query(String.class).list()));
        return decided;
    }

    @Override
    public Optional<Decision> findByEventId(String eventId) {
        return jdbc.sql("select decision_json from decision where event_id = ?").param(eventId)
                .query(this::decision).optional();
    }

    @Override
    public Optional<Decision> findByRunAttempt(String runId, int attempt) {
        return jdbc.sql("select decision_json from decision where run_id = ? and attempt = ?").params(runId, attempt)
                .query(this::decision).optional();
    }

    @Override
    public List<Decision> findByRun(String runId) {
        return jdbc.sql("select decision_json from decision where run_id = ? order by attempt, decided_at").param(runId)
                .query(this::decision).list();
    }

    @Override
    public java.util.Map<String, List<Decision>> findByRuns(java.util.Collection<String> runIds) {
        var byRun = new java.util.HashMap<String, List<Decision>>();
        inChunks(runIds, chunk -> jdbc
                .sql("select run_id, decision_json from decision where run_id in (:ids) order by run_id, attempt, decided_at")
                .param("ids", chunk)
                .query(rs -> {
                    byRun.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
                            .add(codec.read(rs.getString(2), Decision.class));
                }));
        return byRun;
    }

    @Override
    public Optional<String> eventJson(String decisionId) {
        return jdbc.sql("select event_json from decision where decision_id = ?").param(decisionId)
                .query(String.class).optional();
    }

    @Override
    public List<Decision> recent(int limit) {
        return jdbc.sql("select decision_json from decision order by decided_at desc, decision_id fetch first ? rows only")
                .param(limit).query(this::decision).list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from decision").query(Long.class).single();
    }

    @Override
    public boolean updateStatus(String decisionId, DecisionStatus status) {
        Boolean updated = tx.execute(txStatus -> {
            Optional<Decision> current = jdbc.sql("select decision_json from decision where decision_id = ? for update")
                    .param(decisionId).query(this::decision).optional();
            if (current.isEmpty()) {
                return false;
            }
            jdbc.sql("update decision set status = ?, decision_json = ? where decision_id = ?")
                    .params(status.name(), codec.write(current.get().withStatus(status)), decisionId)
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(updated);
    }

    @Override
    public List<OutboxMessage> unpublished(int limit) {
        return unpublishedAfter(0, limit);
    }

    @Override
    public void markPublished(long outboxId, Instant at) {
        jdbc.sql("update outbox set published_at = ?, delivery_status = 'DELIVERED' where id = ?")
                .params(Timestamp.from(at), outboxId).update();
    }

    @Override
    public List<OutboxMessage> unpublishedAfter(long afterId, int limit) {
        return jdbc.sql("""
                select id, topic, message_key, payload, decision_id, created_at, published_at, delivery_attempts
                from outbox
                where published_at is null and delivery_status <> 'FAILED' and id > ?
                  and (next_attempt_at is null or next_attempt_at <= ?)
                order by id fetch first ? rows only""")
                .params(afterId, Timestamp.from(clock.instant()), limit)
                .query((rs, n) -> new OutboxMessage(rs.getLong("id"), rs.getString("topic"), rs.getString("message_key"),
                        rs.getString("payload"), rs.getString("decision_id"), instant(rs, "created_at"),
                        instant(rs, "published_at"), rs.getInt("delivery_attempts")))
                .list();
    }

    @Override
    public void markDelivered(long outboxId, Instant at, String via) {
        jdbc.sql("update outbox set published_at = ?, delivery_status = 'DELIVERED', delivered_via = ? where id = ?")
                .params(Timestamp.from(at), via, outboxId).update();
    }

    @Override
    public void recordDeliveryAttempt(long outboxId, int attempts, Instant nextAttemptAt, String error) {
        jdbc.sql("update outbox set delivery_attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params(attempts, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt), clip(error), outboxId)
                .update();
    }

    @Override
    public void markDeliveryFailed(long outboxId, int attempts, Instant at, String reason) {
        jdbc.sql("""
                update outbox set delivery_status = 'FAILED', delivery_attempts = ?, failed_at = ?, last_error = ?,
                    next_attempt_at = null
                where id = ?""")
                .params(attempts, Timestamp.from(at), clip(reason), outboxId).update();
    }

    @Override
    public List<OutboxDelivery> deliveries(String decisionId) {
        return jdbc.sql(DELIVERY_COLUMNS + " where decision_id = ? order by id").param(decisionId)
                .query(JdbcDecisionStore::delivery).list();
    }

    @Override
    public List<OutboxDelivery> failedDeliveries(int limit) {
        return jdbc.sql(DELIVERY_COLUMNS + " where delivery_status = 'FAILED' order by failed_at desc, id desc"
                        + " fetch first ? rows only")
                .param(limit).query(JdbcDecisionStore::delivery).list();
    }

    private static final String DELIVERY_COLUMNS = """
            select id, topic, decision_id, delivery_status, delivery_attempts, next_attempt_at, delivered_via, last_error,
                published_at, failed_at from outbox""";

    private static OutboxDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new OutboxDelivery(rs.getLong("id"), rs.getString("topic"), rs.getString("decision_id"),
                OutboxDelivery.Status.valueOf(rs.getString("delivery_status")), rs.getInt("delivery_attempts"),
                instant(rs, "next_attempt_at"), rs.getString("delivered_via"), rs.getString("last_error"),
                instant(rs, "published_at"), instant(rs, "failed_at"));
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > 1000 ? text.substring(0, 999) + "…" : text;
    }

    @Override
    public void markPublished(List<Long> outboxIds, Instant at) {
        markSent(outboxIds, List.of(), at);
    }

    @Override
    public void markSent(List<Long> published, List<Delivered> delivered, Instant at) {
        if (published.isEmpty() && delivered.isEmpty()) {
            return;
        }
        Timestamp ts = Timestamp.from(at);
        tx.executeWithoutResult(status -> { // one commit for the batch
            if (!published.isEmpty()) {
                template.batchUpdate("update outbox set published_at = ?, delivery_status = 'DELIVERED' where id = ?",
                        published, 500, (ps, id) -> {
                            ps.setTimestamp(1, ts);
                            ps.setLong(2, id);
                        });
            }
            if (!delivered.isEmpty()) {
                template.batchUpdate("update outbox set published_at = ?, delivery_status = 'DELIVERED', delivered_via = ? "
                        + "where id = ?", delivered, 500, (ps, d) -> {
                            ps.setTimestamp(1, ts);
                            ps.setString(2, d.via());
                            ps.setLong(3, d.outboxId());
                        });
            }
        });
    }

    /** The decision's JSON: as the caller encoded it already, else encoded here. */
    private String json(StoredDecision stored) {
        return stored.decisionJson() != null ? stored.decisionJson() : codec.write(stored.decision());
    }

    private Decision decision(ResultSet rs, int row) throws SQLException {
        return codec.read(rs.getString(1), Decision.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
