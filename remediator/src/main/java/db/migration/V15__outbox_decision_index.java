package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An index on {@code outbox (decision_id)}, on PostgreSQL only: PostgreSQL does not index a foreign key's column by
 * itself, so without it the decision retention's sweep (a decision's outbox rows, by decision id) and the review UI's
 * decision page would read the whole outbox. H2 creates an index for the foreign key already; a second one would only
 * cost every insert. A Java migration because the statement is for one store only; it runs on both.
 */
public class V15__outbox_decision_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create index outbox_decision_idx on outbox (decision_id)");
        }
    }
}
