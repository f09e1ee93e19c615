package dev.autoremediate.remediator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.broker.TopicLeaders;
import dev.autoremediate.remediator.support.PostgresServer;
import dev.autoremediate.remediator.support.ServiceProcess;
import dev.autoremediate.remediator.support.TcpProxy;
import dev.autoremediate.remediator.support.TestProducer;
import dev.autoremediate.remediator.support.TopicReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service from the packaged jar in a JVM of its own, against a broker this test runs (so the broker outlives the
 * service, and the service can outlive the broker), under three faults: SIGKILL in the middle of a batch and a
 * restart; a broker restart; the database unreachable. In each case every event is decided exactly once and no retry
 * command is issued twice for the same run attempt.
 */
class ServiceFaultsIT {

    private static final Duration START = Duration.ofSeconds(180);
    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------------------------ SIGKILL

    @Test
    void killed_with_sigkill_mid_batch_and_restarted_every_event_is_decided_exactly_once() throws Exception {
        int events = 1500;
        try (var broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0)) {
            String bootstrap = broker.bootstrapServers();
            int http = InProcessKafkaBroker.freePort();
            List<String> eventIds;
            int decidedBeforeKill;
            try (var first = ServiceProcess.start(dir, "first.log", bootstrap, http)) {
                first.awaitHealthy(START);
                eventIds = TestProducer.sendFailures(bootstrap, "kill", 0, events);
                // wait until the service is well into the backlog, then pull the plug
                decidedBeforeKill = TopicReader.readAll(bootstrap, "remediation-decisions", 200, Duration.ofSeconds(120),
                        Duration.ZERO).size();
                first.kill();
                assertThat(first.isAlive()).isFalse();
            }
            assertThat(decidedBeforeKill).as("decided before the kill").isBetween(200, events - 1);

            try (var second = ServiceProcess.start(dir, "second.log", bootstrap, http)) {
                second.awaitHealthy(START);
                List<Decision> decisions = awaitDistinctDecisions(bootstrap, events, Duration.ofSeconds(300), second);
                assertThat(decisions.stream().map(Decision::eventId).collect(Collectors.toSet()))
                        .containsExactlyInAnyOrderElementsOf(eventIds);
                awaitAllCommitted(bootstrap, "job-failures", Duration.ofSeconds(60));
            }
            assertDecidedExactlyOnce(h2(), eventIds, bootstrap);
        }
    }

    // ------------------------------------------------------------------------------------------------ broker restart

    @Test
    void the_broker_restarts_and_the_service_reconnects_and_catches_up() throws Exception {
        Path kafkaDir = dir.resolve("kafka");
        var broker = InProcessKafkaBroker.start(kafkaDir, 0);
        int port = broker.port();
        String bootstrap = broker.bootstrapServers();
        int http = InProcessKafkaBroker.freePort();
        try (var service = ServiceProcess.start(dir, "service.log", bootstrap, http)) {
            service.awaitHealthy(START);
            List<String> before = TestProducer.sendFailures(bootstrap, "before", 0, 100);
            awaitDistinctDecisions(bootstrap, 100, Duration.ofSeconds(120), service);

            broker.close();
            Thread.sleep(5_000); // the service's clients see the broker gone and keep reconnecting
            assertThat(service.isAlive()).as(service.log()).isTrue();
            broker = InProcessKafkaBroker.start(kafkaDir, port);
            assertThat(TopicLeaders.await(bootstrap, List.of("job-failures"), Duration.ofSeconds(60)))
                    .as("the restarted broker leads job-failures again").isTrue();

            List<String> after = TestProducer.sendFailures(bootstrap, "after", 0, 100);
            List<Decision> decisions = awaitDistinctDecisions(bootstrap, 200, Duration.ofSeconds(180), service);
            var all = new ArrayList<>(before);
            all.addAll(after);
            assertThat(decisions.stream().map(Decision::eventId).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(all);
            awaitAllCommitted(bootstrap, "job-failures", Duration.ofSeconds(60));
            service.close();
            assertDecidedExactlyOnce(h2(), all, bootstrap);
        } finally {
            broker.close();
        }
    }

    // --------------------------------------------------------------------------------------------- store unreachable

    @Test
    void the_store_is_unreachable_consumption_pauses_without_committing_then_resumes_and_nothing_is_lost()
            throws Exception {
        var pg = PostgresServer.get();
        String schema = PostgresServer.uniqueSchema("faults");
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        URI target = URI.create(pg.url().substring("jdbc:".length()));
        try (var broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
                var proxy = new TcpProxy(target.getHost(), target.getPort() == -1 ? 5432 : target.getPort())) {
            String bootstrap = broker.bootstrapServers();
            String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath() + "?currentSchema=" + schema;
            int http = InProcessKafkaBroker.freePort();
            try (var service = ServiceProcess.start(dir, "service.log", bootstrap, http,
                    "--spring.datasource.url=" + viaProxy, "--spring.datasource.username=" + pg.user(),
                    "--spring.datasource.password=" + pg.password(),
                    "--spring.datasource.hikari.connection-timeout=2000",
                    "--spring.datasource.hikari.validation-timeout=1000")) {
                service.awaitHealthy(START);
                List<String> before = TestProducer.sendFailures(bootstrap, "up", 0, 50);
                awaitDistinctDecisions(bootstrap, 50, Duration.ofSeconds(120), service);
                awaitAllCommitted(bootstrap, "job-failures", Duration.ofSeconds(60));

                proxy.cut();
                List<String> during = TestProducer.sendFailures(bootstrap, "down", 0, 50);
                Thread.sleep(10_000); // several delivery attempts fail meanwhile
                try (Admin admin = admin(bootstrap)) {
                    assertThat(committedTotal(admin, "job-failures")).as("offsets committed while the store is down")
                            .isEqualTo(50);
                    assertThat(endTotal(admin, "job-failures")).isEqualTo(100);
                }
                assertThat(TopicReader.readAll(bootstrap, "job-failures" + DeadLetters.DLT_SUFFIX, 1,
                        Duration.ofSeconds(2), Duration.ZERO)).as("dead letters").isEmpty();
                assertThat(service.isAlive()).isTrue();

                proxy.restore();
                var all = new ArrayList<>(before);
                all.addAll(during);
                List<Decision> decisions = awaitDistinctDecisions(bootstrap, 100, Duration.ofSeconds(180), service);
                assertThat(decisions.stream().map(Decision::eventId).collect(Collectors.toSet()))
                        .containsExactlyInAnyOrderElementsOf(all);
                awaitAllCommitted(bootstrap, "job-failures", Duration.ofSeconds(60));
                service.close();
                assertDecidedExactlyOnce(pg.withSchema(schema).connect(), all, bootstrap);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------ helpers


    private List<Decision> awaitDistinctDecisions(String bootstrap, int n, Duration timeout, ServiceProcess service)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Decision> decisions = List.of();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service died:\n%s", service.log()).isTrue();
            // everything on the topic: a decision re-sent after a crash is a copy, so counting records would stop early
            decisions = TopicReader.readAll(bootstrap, "remediation-decisions", Integer.MAX_VALUE, Duration.ofSeconds(6),
                            Duration.ZERO)
                    .stream().map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), Decision.class))
                    .toList();
            if (decisions.stream().map(Decision::decisionId).distinct().count() >= n) {
                return decisions;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("only " + decisions.stream().map(Decision::decisionId).distinct().count() + " of " + n
                + " decisions within " + timeout + "; service log:\n" + tail(service.log()));
    }

    private static void awaitAllCommitted(String bootstrap, String topic, Duration timeout) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (committedTotal(admin, topic) < endTotal(admin, topic)) {
                assertThat(System.nanoTime()).as("all offsets committed in time").isLessThan(deadline);
                Thread.sleep(500);
            }
        }
    }

    /**
     * The store holds one decision per event and nothing else, its outbox is fully published, every decision is on
     * the topic, and each retried run attempt has exactly one retry command id (a command re-sent after a crash
     * between sending and marking it sent carries the same id, so the scheduler drops the copy; none has another id).
     */
    private void assertDecidedExactlyOnce(Connection db, List<String> eventIds, String bootstrap) throws SQLException {
        int retriesInStore;
        try (db; Statement s = db.createStatement()) {
            assertThat(count(s, "select count(*) from decision")).isEqualTo(eventIds.size());
            assertThat(count(s, "select count(distinct event_id) from decision")).isEqualTo(eventIds.size());
            assertThat(count(s, "select count(*) from outbox where published_at is null")).isZero();
            retriesInStore = count(s, "select count(*) from outbox where topic = 'job-retry-commands'");
            // a retry held by the guard rails (PENDING_APPROVAL: the rate limit of 600 a minute is reached here)
            // has no command; every other retry has exactly one
            assertThat(count(s, "select count(*) from decision where action_type in ('RETRY', 'RETRY_WITH_CONFIG') "
                    + "and status <> 'PENDING_APPROVAL'")).isEqualTo(retriesInStore);
            System.out.printf("retries held for approval: %d%n", count(s, "select count(*) from decision "
                    + "where status = 'PENDING_APPROVAL'"));
        }
        assertThat(retriesInStore).isPositive();
        List<RetryCommand> commands = TopicReader.readAll(bootstrap, "job-retry-commands", retriesInStore,
                        Duration.ofSeconds(60), Duration.ofSeconds(2)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class)).toList();
        Map<String, Set<String>> idsByRunAttempt = new HashMap<>();
        for (RetryCommand c : commands) {
            idsByRunAttempt.computeIfAbsent(c.runId() + "#" + c.nextAttempt(), k -> new TreeSet<>()).add(c.commandId());
        }
        assertThat(idsByRunAttempt).hasSize(retriesInStore);
        assertThat(idsByRunAttempt.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        System.out.printf("retry commands: %d on the topic for %d retried run attempts (%d re-sent copies)%n",
                commands.size(), retriesInStore, commands.size() - retriesInStore);
    }

    private Connection h2() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("data").resolve("db").resolve("autoremediate"),
                "sa", "");
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        return d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static long committedTotal(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("autoremediate")
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static long endTotal(Admin admin, String topic) throws Exception {
        var request = partitions(admin, topic).stream().collect(Collectors.toMap(Function.identity(),
                p -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(r -> r.offset()).sum();
    }

    private static String tail(String log) {
        return log.length() <= 6_000 ? log : log.substring(log.length() - 6_000);
    }
}
