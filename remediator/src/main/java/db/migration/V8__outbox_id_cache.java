package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, the outbox's identity sequence hands out ids from a cache of 1,000 instead of writing the sequence to the
 * database file for every value (15% of the consumer's time storing a batch under a flood). H2's cache is one per
 * database, so the ids still grow in commit order within the service; after a crash the sequence resumes above the
 * cache, leaving a gap (the publisher reads the outbox in id order and does not mind gaps).
 *
 * <p>PostgreSQL is left as it is: its sequence cache is one per connection, so two connections of the pool would hand
 * out ids out of order and the outbox could publish two messages of one job in the wrong order; its {@code nextval}
 * is cheap anyway. A Java migration because the statement is for H2 only; it runs on both stores.
 */
public class V8__outbox_id_cache extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table outbox alter column id set cache 1000");
        }
    }
}
