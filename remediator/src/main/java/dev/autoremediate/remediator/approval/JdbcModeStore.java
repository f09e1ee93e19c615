package dev.autoremediate.remediator.approval;

import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.JdbcAuditTrail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Modes in table {@code remediation_mode} (Flyway V5); each change and its audit entry are written in one
 * transaction. Lookups hit the primary key; the decision service asks at most three per decision.
 */
public final class JdbcModeStore implements ModeStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public JdbcModeStore(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    @Override
    public List<ModeSetting> all() {
        return jdbc.sql("select scope, scope_key, mode, updated_by, updated_at, comment from remediation_mode "
                + "order by scope, scope_key").query(JdbcModeStore::setting).list();
    }

    @Override
    public Optional<ModeSetting> find(ModeScope scope, String key) {
        return jdbc.sql("select scope, scope_key, mode, updated_by, updated_at, comment from remediation_mode "
                + "where scope = ? and scope_key = ?").params(scope.name(), key).query(JdbcModeStore::setting).optional();
    }

    @Override
    public void set(ModeSetting s) {
        tx.executeWithoutResult(status -> {
            Optional<ModeSetting> before = find(s.scope(), s.key());
            if (before.isPresent()) {
                jdbc.sql("update remediation_mode set mode = ?, updated_by = ?, updated_at = ?, comment = ? "
                        + "where scope = ? and scope_key = ?")
                        .params(s.mode().name(), s.updatedBy(), Timestamp.from(s.updatedAt()), s.comment(),
                                s.scope().name(), s.key()).update();
            } else {
                jdbc.sql("insert into remediation_mode (scope, scope_key, mode, updated_by, updated_at, comment) "
                        + "values (?, ?, ?, ?, ?, ?)")
                        .params(s.scope().name(), s.key(), s.mode().name(), s.updatedBy(), Timestamp.from(s.updatedAt()),
                                s.comment()).update();
            }
            JdbcAuditTrail.insert(jdbc, AuditEntry.of(s.updatedAt(), s.updatedBy(), "MODE_SET", "MODE", target(s.scope(),
                    s.key()), s.comment(), before.map(b -> b.mode().name()).orElse("(none)") + " -> " + s.mode()));
        });
    }

    @Override
    public Optional<ModeSetting> clear(ModeScope scope, String key, String actor, String comment) {
        return tx.execute(status -> {
            Optional<ModeSetting> before = find(scope, key);
            if (before.isEmpty()) {
                return Optional.<ModeSetting>empty();
            }
            jdbc.sql("delete from remediation_mode where scope = ? and scope_key = ?").params(scope.name(), key).update();
            JdbcAuditTrail.insert(jdbc, AuditEntry.of(clock.instant(), actor, "MODE_CLEAR", "MODE", target(scope, key),
                    comment, before.get().mode().name() + " -> (none)"));
            return before;
        });
    }

    /** The audit target id of a mode setting, e.g. {@code JOB:etl.daily}. */
    public static String target(ModeScope scope, String key) {
        return scope.name() + ":" + key;
    }

    private static ModeSetting setting(ResultSet rs, int row) throws SQLException {
        return new ModeSetting(ModeScope.valueOf(rs.getString("scope")), rs.getString("scope_key"),
                RemediationMode.valueOf(rs.getString("mode")), rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("comment"));
    }
}
