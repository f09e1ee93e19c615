package dev.autoremediate.remediator.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.approval.GuardControls;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.support.PostgresServer;
import dev.autoremediate.remediator.support.TestProducer;
import dev.autoremediate.remediator.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * On-call's controls of the guard with two instances of the real service (two application contexts in this JVM) on
 * one in-JVM KRaft broker and one PostgreSQL schema, in one consumer group: instance A's circuit breaker opens and its
 * trip holds both; on-call closes the breaker on instance B, which releases A's trip, and A closes its own breaker at
 * its next retry decision, so both send retries automatically again. A pause made on B holds both instances' retries
 * with its reason; resumed on A, both send retries again.
 */
class GuardControlsSeveralInstancesIT {

    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    private InProcessKafkaBroker broker;
    private PostgresServer.Endpoint database;
    private String schema;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void brokerAndDatabase() throws Exception {
        broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
        var pg = PostgresServer.get();
        schema = PostgresServer.uniqueSchema("guardctl");
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
        broker.close();
    }

    @Test
    void a_close_on_one_instance_releases_the_other_instances_trip_and_a_pause_holds_both_until_resumed()
            throws Exception {
        var a = start("a");
        var b = start("b");
        await().atMost(Duration.ofSeconds(60)).until(() -> consumes(a) && consumes(b));

        for (int i = 0; i < 4; i++) {
            guard(a).recordRetryOutcome(false); // as four failed remediated retries consumed by A would
        }
        assertThat(guard(a).breakerState()).isEqualTo("OPEN");
        assertThat(guard(b).status().otherTrip()).hasValueSatisfying(
                t -> assertThat(t.holder()).isEqualTo(guard(a).instanceId()));

        List<Decision> heldByTheTrip = decideRetries("tripped", a, b);
        assertThat(heldByTheTrip).extracting(Decision::status).containsOnly(DecisionStatus.PENDING_APPROVAL);
        assertThat(commands()).isZero();

        String details = controls(b).closeBreaker("oncall", "scheduler fixed, INC-7").breaker().state();
        assertThat(details).isEqualTo("CLOSED");
        assertThat(tripHolder()).as("the shared trip is cleared").isNull();

        List<Decision> resumed = decideRetries("resumed", a, b);
        assertThat(resumed).extracting(Decision::status).containsOnly(DecisionStatus.APPLIED);
        assertThat(guard(a).breakerState()).as("A learned of the close at its next retry decision").isEqualTo("CLOSED");
        int commandsAfterClose = commands();
        assertThat(commandsAfterClose).isEqualTo(resumed.size());

        var paused = controls(b).pause("oncall", "scheduler outage INC-8", null);
        List<Decision> heldByThePause = decideRetries("paused", a, b);
        assertThat(heldByThePause).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
            assertThat(d.action().reason()).endsWith("held for approval: automatic retries paused by oncall at "
                    + paused.pause().at() + ": scheduler outage INC-8");
        });
        assertThat(commands()).as("no retry command while paused").isEqualTo(commandsAfterClose);
        assertThat(guard(a).paused()).isEqualTo(1);

        controls(a).resume("oncall", "outage over");
        List<Decision> afterResume = decideRetries("unpaused", a, b);
        assertThat(afterResume).extracting(Decision::status).containsOnly(DecisionStatus.APPLIED);
        assertThat(commands()).isEqualTo(commandsAfterClose + afterResume.size());
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "select count(*) from audit_event where target_type = 'GUARD'")).isEqualTo(3);
        }
    }

    /**
     * Sends 16 failures (12 retryable), waits until both instances decided some of them and all are published, and
     * returns the retries among them.
     */
    private List<Decision> decideRetries(String prefix, ConfigurableApplicationContext a,
            ConfigurableApplicationContext b) throws Exception {
        double decidedByA = decided(a);
        double decidedByB = decided(b);
        List<String> ids = TestProducer.sendFailures(broker.bootstrapServers(), prefix, 0, 16);
        sent.addAll(ids);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                return count(s, "select count(*) from decision") >= sent.size()
                        && count(s, "select count(*) from outbox where published_at is null") == 0;
            }
        });
        assertThat(decided(a)).as("A decided some").isGreaterThan(decidedByA);
        assertThat(decided(b)).as("B decided some").isGreaterThan(decidedByB);
        List<Decision> retries = TopicReader.readAll(broker.bootstrapServers(), "remediation-decisions", sent.size(),
                        Duration.ofSeconds(60), Duration.ofSeconds(1)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), Decision.class))
                .filter(d -> ids.contains(d.eventId()) && d.action().type().isRetry())
                .toList();
        assertThat(retries).hasSize(12);
        return retries;
    }

    private int commands() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            return count(s, "select count(*) from outbox where topic = 'job-retry-commands'");
        }
    }

    private String tripHolder() throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select holder from breaker_trip where name = 'automatic-retries'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static AutomaticActionGuard guard(ConfigurableApplicationContext context) {
        return context.getBean(AutomaticActionGuard.class);
    }

    private static GuardControls controls(ConfigurableApplicationContext context) {
        return context.getBean(GuardControls.class);
    }

    private ConfigurableApplicationContext start(String name) {
        var pg = PostgresServer.get();
        var context = AutoremediateApplication.run(
                "--spring.main.web-application-type=none",
                "--autoremediate.data-dir=" + dir.resolve(name),
                "--autoremediate.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--autoremediate.outbox.sweep-interval=500ms",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + pg.user(),
                "--spring.datasource.password=" + pg.password(),
                "--autoremediate.policy.circuit-breaker.failure-rate-threshold=50",
                "--autoremediate.policy.circuit-breaker.sliding-window-size=4",
                "--autoremediate.policy.circuit-breaker.minimum-calls=4",
                "--autoremediate.policy.circuit-breaker.wait-in-open=1h");
        contexts.add(context);
        return context;
    }

    private static boolean consumes(ConfigurableApplicationContext context) {
        @SuppressWarnings("unchecked")
        var container = (ConcurrentMessageListenerContainer<String, byte[]>) context.getBean(
                "failureListenerContainer");
        var assigned = container.getAssignedPartitions();
        return assigned != null && !assigned.isEmpty();
    }

    private static double decided(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("autoremediate.decisions").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
