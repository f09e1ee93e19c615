package dev.autoremediate.remediator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.metrics.StoreHealthIndicator;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.support.PostgresServer;
import dev.autoremediate.remediator.support.TcpProxy;
import dev.autoremediate.remediator.support.TestProducer;
import dev.autoremediate.remediator.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Two instances of the real service (two application contexts in this JVM) on one real in-JVM KRaft broker and one
 * PostgreSQL schema, in one consumer group: both consume and decide, only the holder of the outbox publisher lease
 * publishes, so every decision and every retry command goes out exactly once. When the holder dies without releasing
 * the lease (its database unreachable, then its context closed), the standby takes over after the TTL and publishes
 * what both decided, still exactly once. The rate limit of automatic retries is one for both: its budget is in the
 * store.
 */
class SeveralInstancesIT {

    private static final String TTL = "2s";
    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    private InProcessKafkaBroker broker;
    private PostgresServer.Endpoint database;
    private String schema;
    private final List<TcpProxy> proxies = new ArrayList<>();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void brokerAndDatabase() throws Exception {
        broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
        var pg = PostgresServer.get();
        schema = PostgresServer.uniqueSchema("instances");
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        database = pg.withSchema(schema);
    }

    @AfterEach
    void stop() throws Exception {
        for (var context : contexts) {
            context.close();
        }
        for (var proxy : proxies) {
            proxy.close();
        }
        broker.close();
    }

    @Test
    void two_instances_publish_each_decision_and_retry_command_once_and_the_standby_takes_over_from_a_dead_leader()
            throws Exception {
        var first = start("first");
        await().atMost(Duration.ofSeconds(30)).until(() -> lease(first).held());
        var second = start("second");
        // both instances consume (disjoint partitions of job-failures), so both decide
        await().atMost(Duration.ofSeconds(60)).until(() -> consumes(first) && consumes(second));

        List<String> before = TestProducer.sendFailures(broker.bootstrapServers(), "before", 0, 120);
        awaitPublished(before.size());

        assertExactlyOnce(before);
        assertThat(decided(first)).as("decided by the first instance").isPositive();
        assertThat(decided(second)).as("decided by the second instance").isPositive();
        assertThat(lease(first).held()).as("the first instance still leads").isTrue();
        assertThat(lease(second).held()).as("the second instance stands by").isFalse();
        assertThat(health(first)).containsEntry("outboxPublisher", "LEADER")
                .containsEntry("outboxLeaseHeldBy", lease(first).holderId());
        assertThat(health(second)).containsEntry("outboxPublisher", "STANDBY")
                .containsEntry("outboxLeaseHeldBy", lease(first).holderId());
        assertThat(gauge(first)).isEqualTo(1.0);
        assertThat(gauge(second)).isEqualTo(0.0);

        // the leader dies without releasing the lease: its database goes away (it can neither renew nor release)
        proxies.get(0).cut();
        List<String> after = TestProducer.sendFailures(broker.bootstrapServers(), "after", 0, 120);
        await().atMost(Duration.ofSeconds(30)).until(() -> lease(second).held());
        assertThat(health(second)).containsEntry("outboxPublisher", "LEADER")
                .containsEntry("outboxLeaseHeldBy", lease(second).holderId());
        assertThat(lease(first).held()).isFalse();
        contexts.remove(first);
        first.close(); // its partitions go to the second instance, which decides what the first could not store

        var all = new ArrayList<>(before);
        all.addAll(after);
        awaitPublished(all.size());
        assertExactlyOnce(all);
    }

    @Test
    void the_rate_limit_of_automatic_retries_is_one_for_both_instances() throws Exception {
        // 5 per 1000 days: windows start at multiples of the period since the epoch, so no test run straddles two
        String[] limit = {"--autoremediate.policy.rate-limit.limit-for-period=5",
                "--autoremediate.policy.rate-limit.refresh-period=1000d"};
        var first = start("first", limit);
        var second = start("second", limit);
        await().atMost(Duration.ofSeconds(60)).until(() -> consumes(first) && consumes(second));

        List<String> sent = TestProducer.sendFailures(broker.bootstrapServers(), "limited", 0, 40);
        awaitPublished(sent.size());

        List<Decision> decisions = assertExactlyOnce(sent);
        assertThat(decided(first)).as("decided by the first instance").isPositive();
        assertThat(decided(second)).as("decided by the second instance").isPositive();
        var retries = decisions.stream().filter(d -> d.action().type().isRetry()).toList();
        assertThat(retries).as("retryable failures, more than the limit").hasSizeGreaterThan(10);
        assertThat(retries.stream().filter(d -> d.status() == DecisionStatus.APPLIED).map(Decision::eventId))
                .as("retries that went out automatically, over both instances").hasSize(5);
        assertThat(retries.stream().filter(d -> d.status() == DecisionStatus.PENDING_APPROVAL
                        && d.action().reason().contains("global rate limit of automatic actions reached (5 per 24000h)"))
                .map(Decision::eventId))
                .as("held for approval by the rate limit").hasSize(retries.size() - 5);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from outbox where topic = 'job-retry-commands'")).isEqualTo(5);
        }
    }

    @Test
    void a_breaker_tripped_by_the_outcomes_one_instance_consumes_holds_the_automatic_retries_of_the_other()
            throws Exception {
        String[] breaker = {"--autoremediate.policy.circuit-breaker.failure-rate-threshold=50",
                "--autoremediate.policy.circuit-breaker.sliding-window-size=4",
                "--autoremediate.policy.circuit-breaker.minimum-calls=4",
                "--autoremediate.policy.circuit-breaker.wait-in-open=1h",
                "--autoremediate.policy.circuit-breaker.permitted-in-half-open=2"};
        var first = start("first", breaker);
        var second = start("second", breaker);
        await().atMost(Duration.ofSeconds(60)).until(() -> consumes(first) && consumes(second));

        List<String> retried = TestProducer.sendFailures(broker.bootstrapServers(), "retried", 0, 16);
        awaitPublished(retried.size());
        int commandCount;
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            commandCount = count(s, "select count(*) from outbox where topic = 'job-retry-commands'");
        }
        assertThat(commandCount).as("12 of the 16 failures are retryable, all retried automatically").isEqualTo(12);
        List<RetryCommand> commands = TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands",
                        commandCount, Duration.ofSeconds(60), Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class)).toList();

        // the test plays the scheduler: each retried run failed again, reported one at a time (whichever instance
        // consumes its partition of job-outcomes judges it) until one instance has seen 4 and its breaker opens;
        // the other has seen at most 3 then, fewer than its minimum, and stays closed
        ConfigurableApplicationContext tripped = null;
        int reported = 0;
        try (var producer = TestProducer.of(broker.bootstrapServers())) {
            for (RetryCommand command : commands) {
                TestProducer.send(producer, "job-outcomes", command.jobId(), failedOutcome(command));
                int judged = ++reported;
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    try (Connection c = database.connect(); Statement s = c.createStatement()) {
                        return count(s, "select count(*) from decision where status = 'FAILED'") == judged;
                    }
                });
                if (guard(first).breakerState().equals("OPEN") || guard(second).breakerState().equals("OPEN")) {
                    tripped = guard(first).breakerState().equals("OPEN") ? first : second;
                    break;
                }
            }
        }
        assertThat(tripped).as("one instance's breaker opened").isNotNull();
        var other = tripped == first ? second : first;
        String trippedId = guard(tripped).instanceId();
        assertThat(guard(other).breakerState()).as("the other instance's own breaker").isEqualTo("CLOSED");
        assertThat(guard(other).status().otherTrip()).hasValueSatisfying(trip -> {
            assertThat(trip.holder()).isEqualTo(trippedId);
            assertThat(trip.state()).isEqualTo("OPEN");
        });
        assertThat(guard(other).heldByAnotherInstance()).isEqualTo(1);

        // new retryable failures, decided by both instances: none goes out automatically
        List<String> held = TestProducer.sendFailures(broker.bootstrapServers(), "held", 0, 16);
        var all = new ArrayList<>(retried);
        all.addAll(held);
        awaitPublished(all.size());
        List<Decision> decisions = assertExactlyOnce(all).stream().filter(d -> held.contains(d.eventId()))
                .filter(d -> d.action().type().isRetry()).toList();
        assertThat(decisions).hasSize(12);
        assertThat(decisions).extracting(Decision::status).containsOnly(DecisionStatus.PENDING_APPROVAL);
        var byTheTrip = decisions.stream().filter(d -> d.action().reason().contains("held for approval: circuit breaker"
                + " of another instance (" + trippedId + ") open: automatic retries on every instance need approval"
                + " until it closes, at the latest until ")).toList();
        var byItsOwn = decisions.stream().filter(d -> d.action().reason().contains(
                "held for approval: circuit breaker open: 100% of the last 4 remediated retries failed")).toList();
        assertThat(byTheTrip).as("held by the other instance, naming the tripped one").isNotEmpty();
        assertThat(byTheTrip.size() + byItsOwn.size()).isEqualTo(decisions.size());
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from outbox where topic = 'job-retry-commands'"))
                    .as("no new retry command").isEqualTo(commandCount);
        }
    }

    private byte[] failedOutcome(RetryCommand command) {
        var config = new TreeMap<>(FailureEvents.sparkConfig());
        config.putAll(command.configOverrides());
        return codec.writeBytes(new JobOutcome(1, command.jobId(), command.runId(),
                command.nextAttempt(), Instant.now(), false, config,
                RunMetrics.empty(), null));
    }

    private static AutomaticActionGuard guard(ConfigurableApplicationContext context) {
        return context.getBean(AutomaticActionGuard.class);
    }

    /** An instance of the service, reaching the database through a proxy of its own (so it can be cut off). */
    private ConfigurableApplicationContext start(String name, String... settings) throws Exception {
        var pg = PostgresServer.get();
        URI target = URI.create(pg.url().substring("jdbc:".length()));
        var proxy = new TcpProxy(target.getHost(), target.getPort() == -1 ? 5432 : target.getPort());
        proxies.add(proxy);
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath() + "?currentSchema=" + schema;
        var args = new ArrayList<>(List.of(
                "--spring.main.web-application-type=none",
                "--autoremediate.data-dir=" + dir.resolve(name),
                "--autoremediate.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--autoremediate.kafka.max-back-off=2s",
                "--autoremediate.outbox.lease-ttl=" + TTL,
                "--autoremediate.outbox.sweep-interval=500ms",
                "--spring.datasource.url=" + viaProxy,
                "--spring.datasource.username=" + pg.user(),
                "--spring.datasource.password=" + pg.password(),
                "--spring.datasource.hikari.connection-timeout=2000",
                "--spring.datasource.hikari.validation-timeout=1000"));
        args.addAll(List.of(settings));
        var context = AutoremediateApplication.run(args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static PublisherLease lease(ConfigurableApplicationContext context) {
        return context.getBean(PublisherLease.class);
    }

    private static boolean consumes(ConfigurableApplicationContext context) {
        @SuppressWarnings("unchecked")
        var container = (ConcurrentMessageListenerContainer<String, byte[]>) context.getBean("failureListenerContainer");
        var assigned = container.getAssignedPartitions();
        return assigned != null && !assigned.isEmpty();
    }

    private static double decided(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("autoremediate.decisions").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static double gauge(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("autoremediate.outbox.lease.held").gauge().value();
    }

    private static Map<String, Object> health(ConfigurableApplicationContext context) {
        return context.getBean(StoreHealthIndicator.class).health().getDetails();
    }


    /** Until the store holds {@code n} decisions and its outbox is fully published. */
    private void awaitPublished(int n) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                return count(s, "select count(*) from decision") >= n
                        && count(s, "select count(*) from outbox where published_at is null") == 0;
            }
        });
    }

    /**
     * Every event has one decision in the store and one message on the decisions topic; every retry command in the
     * outbox is on the command topic once, under its own id; nothing else is there.
     *
     * @return the decisions published
     */
    private List<Decision> assertExactlyOnce(List<String> eventIds) throws SQLException {
        int decisions;
        int commandsInStore;
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            decisions = count(s, "select count(*) from decision");
            assertThat(decisions).isEqualTo(eventIds.size());
            assertThat(count(s, "select count(distinct event_id) from decision")).isEqualTo(eventIds.size());
            commandsInStore = count(s, "select count(*) from outbox where topic = 'job-retry-commands'");
        }
        assertThat(commandsInStore).isPositive();

        List<Decision> published = TopicReader.readAll(broker.bootstrapServers(), "remediation-decisions", decisions,
                        Duration.ofSeconds(60), Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), Decision.class)).toList();
        Map<String, Long> byDecisionId = published.stream()
                .collect(Collectors.groupingBy(Decision::decisionId, Collectors.counting()));
        assertThat(byDecisionId).hasSize(eventIds.size());
        assertThat(byDecisionId.values()).as("copies of each decision message").allMatch(copies -> copies == 1);
        assertThat(published.stream().map(Decision::eventId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(eventIds);

        List<RetryCommand> commands = TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands",
                        commandsInStore, Duration.ofSeconds(60), Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class)).toList();
        Map<String, Long> byCommandId = commands.stream()
                .collect(Collectors.groupingBy(RetryCommand::commandId, Collectors.counting()));
        assertThat(byCommandId).hasSize(commandsInStore);
        assertThat(byCommandId.values()).as("copies of each retry command").allMatch(copies -> copies == 1);
        assertThat(commands.stream().collect(Collectors.groupingBy(c -> c.runId() + "#" + c.nextAttempt(),
                Collectors.counting())).values()).as("commands per retried run attempt").allMatch(n -> n == 1);
        return published;
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
