package dev.autoremediate.remediator.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The audit trail in table {@code audit_event} (Flyway V5). */
public final class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;

    public JdbcAuditTrail(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Inserts with the given client, so that callers can write the entry in their own transaction. */
    public static AuditEntry insert(JdbcClient jdbc, AuditEntry e) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into audit_event (at, actor, action, target_type, target_id, comment, details)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(e.at()), e.actor(), e.action(), e.targetType(), e.targetId(), e.comment(),
                        e.details())
                .update(keys, "id");
        Number id = keys.getKey();
        return new AuditEntry(id == null ? 0 : id.longValue(), e.at(), e.actor(), e.action(), e.targetType(),
                e.targetId(), e.comment(), e.details());
    }

    @Override
    public AuditEntry record(AuditEntry entry) {
        return insert(jdbc, entry);
    }

    @Override
    public List<AuditEntry> recent(int offset, int limit) {
        return jdbc.sql("""
                select id, at, actor, action, target_type, target_id, comment, details from audit_event
                order by at desc, id desc offset ? rows fetch first ? rows only""")
                .params(offset, limit).query(JdbcAuditTrail::entry).list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from audit_event").query(Long.class).single();
    }

    @Override
    public List<AuditEntry> forTarget(String targetType, String targetId) {
        return jdbc.sql("""
                select id, at, actor, action, target_type, target_id, comment, details from audit_event
                where target_type = ? and target_id = ? order by at, id""")
                .params(targetType, targetId).query(JdbcAuditTrail::entry).list();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("comment"),
                rs.getString("details"));
    }
}
