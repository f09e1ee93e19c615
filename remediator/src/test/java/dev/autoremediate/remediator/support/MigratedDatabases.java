package dev.autoremediate.remediator.support;

import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Named;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases every store test runs on: a fresh in-memory H2 and a fresh schema of the real PostgreSQL server
 * ({@link PostgresServer}), both migrated by the service's own Flyway migrations. For {@code @MethodSource}.
 */
public final class MigratedDatabases {

    private MigratedDatabases() {
    }

    /** @param name a short name of the test, the prefix of its PostgreSQL schemas */
    public static Stream<Named<Callable<DataSource>>> h2AndPostgres(String name) {
        return Stream.of(
                Named.of("H2", () -> migrated(new DriverManagerDataSource(
                        "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""), null)),
                Named.of("PostgreSQL", () -> {
                    var server = PostgresServer.get();
                    String schema = PostgresServer.uniqueSchema(name);
                    try (Connection c = server.connect()) {
                        c.createStatement().execute("create schema " + schema);
                    }
                    var e = server.withSchema(schema);
                    return migrated(new DriverManagerDataSource(e.url(), e.user(), e.password()), schema);
                }));
    }

    private static DataSource migrated(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration");
        if (schema != null) {
            config.schemas(schema);
        }
        config.load().migrate();
        return ds;
    }
}
