package dev.autoremediate.remediator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;

/**
 * A real PostgreSQL server for the store's integration tests. In this order:
 * <ol>
 *   <li>{@code AUTOREMEDIATE_TEST_POSTGRES_URL} (with {@code _USER} and {@code _PASSWORD}) when set;</li>
 *   <li>the server {@code .ci/setup-postgres} prepares: {@code jdbc:postgresql://127.0.0.1:5432/autoremediate_test},
 *       user and password {@code autoremediate};</li>
 *   <li>a throwaway server started from the installed PostgreSQL binaries ({@code /usr/lib/postgresql/N/bin}) in a
 *       temporary directory, stopped when the JVM exits.</li>
 * </ol>
 * If none is possible the test fails with what to do; it never skips.
 */
public final class PostgresServer {

    public record Endpoint(String url, String user, String password) {

        public Connection connect() throws SQLException {
            var props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", password);
            props.setProperty("connectTimeout", "5");
            return DriverManager.getConnection(url, props);
        }

        /** The same database with {@code currentSchema} set. */
        public Endpoint withSchema(String schema) {
            return new Endpoint(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
        }
    }

    private static Endpoint endpoint;

    private PostgresServer() {
    }

    public static synchronized Endpoint get() {
        if (endpoint == null) {
            endpoint = find();
        }
        return endpoint;
    }

    private static Endpoint find() {
        String url = System.getenv("AUTOREMEDIATE_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            var e = new Endpoint(url, env("AUTOREMEDIATE_TEST_POSTGRES_USER", "autoremediate"),
                    env("AUTOREMEDIATE_TEST_POSTGRES_PASSWORD", "autoremediate"));
            String problem = tryConnect(e);
            if (problem != null) {
                throw new IllegalStateException("AUTOREMEDIATE_TEST_POSTGRES_URL=" + url + " is set but unreachable: "
                        + problem);
            }
            return e;
        }
        var standard = new Endpoint("jdbc:postgresql://127.0.0.1:5432/autoremediate_test", "autoremediate", "autoremediate");
        String standardProblem = tryConnect(standard);
        if (standardProblem == null) {
            return standard;
        }
        try {
            return startThrowaway();
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL server for the store tests. The standard one ("
                    + standard.url() + ") answered: " + standardProblem + "; starting a throwaway server from the "
                    + "installed binaries failed: " + e.getMessage() + ". Fix: run `sudo .ci/setup-postgres` (installs "
                    + "and starts PostgreSQL from Debian's packages), or set AUTOREMEDIATE_TEST_POSTGRES_URL.", e);
        }
    }

    private static String tryConnect(Endpoint e) {
        try (Connection c = e.connect()) {
            return c.isValid(5) ? null : "connection not valid";
        } catch (SQLException ex) {
            return ex.getMessage();
        }
    }

    private static Endpoint startThrowaway() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("autoremediate-pg-");
        int port = InProcessKafkaBroker.freePort();
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
                "postgres", "-E", "UTF8", "--no-sync"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                        "stop"), root);
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (Exception ignored) {
                // best effort at exit
            }
        }));
        var admin = new Endpoint("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        try (Connection c = admin.connect()) {
            c.createStatement().execute("create database autoremediate_test");
        } catch (SQLException e) {
            throw new IOException("throwaway PostgreSQL started but creating the database failed: " + e.getMessage(), e);
        }
        return new Endpoint("jdbc:postgresql://127.0.0.1:" + port + "/autoremediate_test", "postgres", "");
    }

    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            throw new IOException("PostgreSQL is not installed (no " + base + ")");
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IOException("no initdb under " + base));
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + out.strip());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A schema name no other test run uses. */
    public static String uniqueSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
