package dev.autoremediate.remediator.overrides;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The override store on JDBC (tables {@code config_override} and {@code config_override_change} of migration V4), on
 * H2 and PostgreSQL. {@link #latestRunConfig} reads the tables of the decision and outcome stores.
 */
public final class JdbcOverrideStore implements OverrideStore {

    static final int MAX_ACTOR = 256;
    static final int MAX_CLEARED_REASON = 2000;
    static final int MAX_REASON = 4000;

    /** The JSON shape of the decay column. */
    record DecayJson(Map<String, HeadroomStreak> streaks) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContractCodec codec;

    public JdbcOverrideStore(DataSource dataSource, ContractCodec codec) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.codec = codec;
    }

    @Override
    public Optional<ConfigOverride> find(String jobId) {
        return jdbc.sql("select * from config_override where job_id = ?").param(jobId).query(this::override).optional();
    }

    @Override
    public boolean save(ConfigOverride o, long expectedVersion, Optional<OverrideChange> change) {
        try {
            Boolean saved = tx.execute(status -> {
                int rows = expectedVersion < 0 ? insert(o) : update(o, expectedVersion);
                if (rows == 0) {
                    return false;
                }
                change.ifPresent(this::append);
                return true;
            });
            return Boolean.TRUE.equals(saved);
        } catch (DuplicateKeyException createdMeanwhile) {
            return false;
        }
    }

    private int insert(ConfigOverride o) {
        return jdbc.sql("""
                insert into config_override (job_id, status, overrides_json, owner_config_json, source_decision_id,
                    source_run_id, decay_json, last_outcome_run_id, last_outcome_attempt, last_outcome_at, created_at,
                    updated_at, cleared_at, cleared_by, cleared_reason, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(o.jobId(), o.status().name(), codec.write(o.values()), codec.write(o.ownerConfig()),
                        o.sourceDecisionId(), o.sourceRunId(), codec.write(new DecayJson(o.streaks())),
                        markRun(o), markAttempt(o), markAt(o), ts(o.createdAt()), ts(o.updatedAt()), ts(o.clearedAt()),
                        cut(o.clearedBy(), MAX_ACTOR), cut(o.clearedReason(), MAX_CLEARED_REASON))
                .update();
    }

    private int update(ConfigOverride o, long expectedVersion) {
        return jdbc.sql("""
                update config_override set status = ?, overrides_json = ?, owner_config_json = ?, source_decision_id = ?,
                    source_run_id = ?, decay_json = ?, last_outcome_run_id = ?, last_outcome_attempt = ?,
                    last_outcome_at = ?, created_at = ?, updated_at = ?, cleared_at = ?, cleared_by = ?,
                    cleared_reason = ?, version = ?
                where job_id = ? and version = ?""")
                .params(o.status().name(), codec.write(o.values()), codec.write(o.ownerConfig()), o.sourceDecisionId(),
                        o.sourceRunId(), codec.write(new DecayJson(o.streaks())), markRun(o), markAttempt(o), markAt(o),
                        ts(o.createdAt()), ts(o.updatedAt()), ts(o.clearedAt()), cut(o.clearedBy(), MAX_ACTOR),
                        cut(o.clearedReason(), MAX_CLEARED_REASON), expectedVersion + 1, o.jobId(), expectedVersion)
                .update();
    }

    private void append(OverrideChange c) {
        jdbc.sql("""
                insert into config_override_change (job_id, changed_at, kind, before_json, after_json, decision_id, run_id,
                    attempt, actor, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.jobId(), ts(c.at()), c.kind().name(), codec.write(c.before()), codec.write(c.after()),
                        c.decisionId(), c.runId(), c.attempt(), cut(c.actor(), MAX_ACTOR), cut(c.reason(), MAX_REASON))
                .update();
    }

    @Override
    public Page list(OverrideStatus status, int offset, int limit) {
        String where = status == null ? "" : " where status = :status";
        var items = jdbc.sql("select * from config_override" + where
                        + " order by updated_at desc, job_id offset :offset rows fetch first :limit rows only")
                .params(status == null ? Map.of("offset", offset, "limit", limit)
                        : Map.of("status", status.name(), "offset", offset, "limit", limit))
                .query(this::override).list();
        long total = jdbc.sql("select count(*) from config_override" + where)
                .params(status == null ? Map.of() : Map.of("status", status.name()))
                .query(Long.class).single();
        return new Page(items, total);
    }

    @Override
    public boolean changedBy(String jobId, String runId, int attempt) {
        return jdbc.sql("select count(*) from config_override_change where job_id = ? and run_id = ? and attempt = ?")
                .params(jobId, runId, attempt).query(Long.class).single() > 0;
    }

    @Override
    public List<OverrideChange> history(String jobId, int limit) {
        return jdbc.sql("select * from config_override_change where job_id = ? order by id desc fetch first ? rows only")
                .params(jobId, limit)
                .query((rs, n) -> new OverrideChange(rs.getLong("id"), rs.getString("job_id"), instant(rs, "changed_at"),
                        ChangeKind.valueOf(rs.getString("kind")), map(rs.getString("before_json")),
                        map(rs.getString("after_json")), rs.getString("decision_id"), rs.getString("run_id"),
                        rs.getInt("attempt"), rs.getString("actor"), rs.getString("reason")))
                .list();
    }

    /**
     * From the decision store's {@code decision} table (the failure events) and the {@code job_outcome} table (the
     * outcomes that report a configuration): the most recent first attempt of a run, whose configuration is the
     * owner's; a later attempt only when the job has no first attempt on record.
     */
    @Override
    public Optional<Map<String, String>> latestRunConfig(String jobId) {
        Optional<Seen> failure = jdbc.sql("""
                select event_json, decided_at, attempt from decision where job_id = ?
                order by case when attempt = 1 then 0 else 1 end, decided_at desc fetch first 1 rows only""")
                .param(jobId)
                .query((rs, n) -> new Seen(codec.read(rs.getString(1), FailureEvent.class).job().config(),
                        instant(rs, "decided_at"), rs.getInt("attempt") == 1))
                .optional();
        Optional<Seen> outcome = jdbc.sql("""
                select outcome_json, finished_at, attempt from job_outcome where job_id = ?
                order by case when attempt = 1 then 0 else 1 end, finished_at desc fetch first 20 rows only""")
                .param(jobId)
                .query((rs, n) -> new Seen(codec.read(rs.getString(1), JobOutcome.class).config(),
                        instant(rs, "finished_at"), rs.getInt("attempt") == 1))
                .list().stream()
                .filter(seen -> !seen.config().isEmpty()) // a scheduler may report no configuration
                .findFirst();
        if (failure.isEmpty() || outcome.isEmpty()) {
            return failure.or(() -> outcome).map(Seen::config);
        }
        Seen a = failure.get();
        Seen b = outcome.get();
        if (a.firstAttempt() != b.firstAttempt()) {
            return Optional.of(a.firstAttempt() ? a.config() : b.config());
        }
        return Optional.of(b.at().isAfter(a.at()) ? b.config() : a.config());
    }

    /** A run's configuration the service saw, and when. */
    private record Seen(Map<String, String> config, Instant at, boolean firstAttempt) {
    }

    private ConfigOverride override(ResultSet rs, int row) throws SQLException {
        String markRun = rs.getString("last_outcome_run_id");
        OutcomeMark mark = markRun == null ? null
                : new OutcomeMark(markRun, rs.getInt("last_outcome_attempt"), instant(rs, "last_outcome_at"));
        DecayJson decay = codec.read(rs.getString("decay_json"), DecayJson.class);
        return new ConfigOverride(rs.getString("job_id"), OverrideStatus.valueOf(rs.getString("status")),
                map(rs.getString("overrides_json")), map(rs.getString("owner_config_json")),
                rs.getString("source_decision_id"), rs.getString("source_run_id"), decay.streaks(), mark,
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "cleared_at"), rs.getString("cleared_by"),
                rs.getString("cleared_reason"), rs.getLong("version"));
    }

    private Map<String, String> map(String json) {
        Map<?, ?> raw = codec.read(json, Map.class);
        var map = new TreeMap<String, String>();
        raw.forEach((k, v) -> map.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return map;
    }

    private static String markRun(ConfigOverride o) {
        return o.lastOutcome() == null ? null : o.lastOutcome().runId();
    }

    private static Integer markAttempt(ConfigOverride o) {
        return o.lastOutcome() == null ? null : o.lastOutcome().attempt();
    }

    private static Timestamp markAt(ConfigOverride o) {
        return o.lastOutcome() == null ? null : ts(o.lastOutcome().finishedAt());
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
