package dev.autoremediate.remediator.service;

import dev.autoremediate.remediator.store.DecisionRetention;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Not a test: a measurement, printed, of the first sweep of the decision retention over a store that kept everything
 * (docs/operations.md, "Decision retention"). Fills a fresh store with {@code n} settled decisions 100 to 400 days old
 * (2 KB of decision JSON and 2 KB of event JSON each, two delivered outbox rows each, one with its payload cleared as
 * the outbox retention leaves it) of 1,000 jobs, plus one recent decision per job, then runs one sweep with a retention
 * of 90 days and the default batch, pauses included.
 *
 * <pre>
 * java -cp "remediator/target/test-classes:remediator/target/classes:$(cat cp.txt)" \
 *   dev.autoremediate.remediator.service.DecisionRetentionFirstSweep JDBC_URL USER PASSWORD 50000
 * </pre>
 */
public final class DecisionRetentionFirstSweep {

    private DecisionRetentionFirstSweep() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[3]);
        DataSource ds = new DriverManagerDataSource(url, args[1], args[2]);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        Instant now = Instant.now();
        String json = "{\"padding\":\"" + "x".repeat(2_000) + "\"}";
        long fillStart = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            PreparedStatement d = c.prepareStatement("""
                    insert into decision (decision_id, event_id, job_id, run_id, attempt, decided_at, category, source,
                        action_type, status, decision_json, event_json)
                    values (?, ?, ?, ?, 1, ?, 'MEMORY_EXECUTOR_OOM', 'RULE', 'RETRY', 'SUCCEEDED', ?, ?)""");
            PreparedStatement o = c.prepareStatement("""
                    insert into outbox (topic, message_key, payload, decision_id, created_at, published_at,
                        delivery_status) values (?, ?, ?, ?, ?, ?, 'DELIVERED')""");
            for (int i = 0; i < n + 1_000; i++) {
                boolean recent = i >= n;
                String id = UUID.nameUUIDFromBytes(("decision:" + i).getBytes()).toString();
                Instant at = recent ? now.minus(Duration.ofDays(1)).plusSeconds(i - n)
                        : now.minus(Duration.ofDays(400)).plus(Duration.ofSeconds((long) i * 300L * 86_400 / n));
                Timestamp ts = Timestamp.from(at);
                d.setString(1, id);
                d.setString(2, "event-" + i);
                d.setString(3, "job-" + (i % 1_000));
                d.setString(4, "run-" + i);
                d.setTimestamp(5, ts);
                d.setString(6, json);
                d.setString(7, json);
                d.addBatch();
                for (String topic : new String[] {"remediation-decisions", "job-retry-commands"}) {
                    o.setString(1, topic);
                    o.setString(2, "job-" + (i % 1_000));
                    o.setString(3, topic.startsWith("job") ? json : "");
                    o.setString(4, id);
                    o.setTimestamp(5, ts);
                    o.setTimestamp(6, ts);
                    o.addBatch();
                }
                if (i % 500 == 499) {
                    d.executeBatch();
                    o.executeBatch();
                    c.commit();
                }
            }
            d.executeBatch();
            o.executeBatch();
            c.commit();
        }
        System.out.printf("filled %d old + 1000 recent decisions, %d outbox rows in %.1f s%n", n, 2 * (n + 1_000),
                (System.nanoTime() - fillStart) / 1e9);
        if (args.length > 4 && args[4].equals("fill-only")) {
            return;
        }
        if (url.startsWith("jdbc:postgresql")) {
            JdbcClient.create(ds).sql("analyze").update();
            System.out.println("size before: " + pgSize(ds));
        }
        var sweeper = new DecisionRetentionSweeper(new DecisionRetention(ds), PublisherLease.sole(), Clock.systemUTC(),
                Duration.ofDays(90), DecisionRetentionSweeper.DEFAULT_BATCH);
        long began = System.nanoTime();
        long cpuBegan = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int deleted = sweeper.sweep();
        double wall = (System.nanoTime() - began) / 1e9;
        double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBegan) / 1e9;
        long left = JdbcClient.create(ds).sql("select count(*) from decision").query(Long.class).single();
        long outboxLeft = JdbcClient.create(ds).sql("select count(*) from outbox").query(Long.class).single();
        System.out.printf("first sweep: deleted %d decisions (batch %d) in %.1f s wall (pauses included), "
                        + "%.1f s CPU of the sweeping thread; %d decisions and %d outbox rows left%n", deleted,
                DecisionRetentionSweeper.DEFAULT_BATCH, wall, cpu, left, outboxLeft);
        long b2 = System.nanoTime();
        int again = sweeper.sweep();
        System.out.printf("next sweep: deleted %d in %.3f s%n", again, (System.nanoTime() - b2) / 1e9);
        if (url.startsWith("jdbc:postgresql")) {
            System.out.println("size after (before vacuum): " + pgSize(ds));
        }
    }

    private static String pgSize(DataSource ds) {
        return JdbcClient.create(ds).sql("select pg_size_pretty(pg_total_relation_size('decision')) || ' decision, '"
                + " || pg_size_pretty(pg_total_relation_size('outbox')) || ' outbox'").query(String.class).single();
    }
}
