package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.store.DecisionRetention;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.OutboxLease;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Decision retention against H2 and a real PostgreSQL server, with the service's migrations: which decisions are
 * deleted with their outbox rows and which are kept (pending approval, undelivered, a run still active, the latest of
 * a job), in ranges, only by the holder of the outbox lease, nothing without a retention. The clock is moved by hand;
 * nothing sleeps.
 */
class DecisionRetentionSweeperIT {

    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final String JSON = "{\"padding\":\"" + "x".repeat(2_000) + "\"}";

    private final MutableClock clock = new MutableClock(NOW);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger sweeperLog = (Logger) LoggerFactory.getLogger(DecisionRetentionSweeper.class);

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("dretention_it");
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        sweeperLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        sweeperLog.detachAppender(logs);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void old_settled_decisions_go_with_their_outbox_rows_and_what_is_still_needed_stays(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds);
        // job-a: three old runs, settled (delivered, failed delivery, none), then a recent run
        String delivered = rows.decision("a-1", "job-a", "run-a1", 1, OLD, "APPLIED");
        long deliveredMessage = rows.delivered(delivered);
        long deliveredCommand = rows.delivered(delivered);
        String failedDelivery = rows.decision("a-2", "job-a", "run-a2", 1, OLD.plusSeconds(60), "APPLIED");
        long failedMessage = rows.failed(failedDelivery);
        String justOlder = rows.decision("a-3", "job-a", "run-a3", 1, NOW.minus(RETENTION).minusSeconds(1), "REJECTED");
        String recent = rows.decision("a-4", "job-a", "run-a4", 1, NOW.minus(Duration.ofDays(29)), "APPLIED");
        rows.delivered(recent);
        // job-b: old, but still needed
        String pendingApproval = rows.decision("b-1", "job-b", "run-b1", 1, OLD, "PENDING_APPROVAL");
        rows.delivered(pendingApproval);
        String undelivered = rows.decision("b-2", "job-b", "run-b2", 1, OLD.plusSeconds(1), "APPLIED");
        long undeliveredMessage = rows.pending(undelivered);
        // run-b3: its first attempt is old, its second recent: the policy reads the first when it decides a third
        String activeRunFirst = rows.decision("b-3", "job-b", "run-b3", 1, OLD.plusSeconds(2), "FAILED");
        String activeRunSecond = rows.decision("b-4", "job-b", "run-b3", 2, NOW.minus(Duration.ofDays(1)), "APPLIED");
        String bLatestFirst = rows.decision("b-5", "job-b", "run-b5", 1, NOW.minus(Duration.ofDays(2)), "APPLIED");
        // job-c: only old decisions: its latest stays, and its latest first attempt (the owner's configuration)
        String cOldest = rows.decision("c-1", "job-c", "run-c1", 1, OLD.minus(Duration.ofDays(9)), "SUCCEEDED");
        String cFirstAttempt = rows.decision("c-2", "job-c", "run-c2", 1, OLD.minus(Duration.ofDays(8)), "FAILED");
        String cLatest = rows.decision("c-3", "job-c", "run-c2", 2, OLD.minus(Duration.ofDays(7)), "SUCCEEDED");
        // records that name deleted decisions stay
        rows.audit(delivered);
        rows.override("job-a", delivered);
        var sweeper = sweeper(ds, PublisherLease.sole(), DecisionRetentionSweeper.DEFAULT_BATCH);

        assertThat(sweeper.sweep()).isEqualTo(4);

        assertThat(rows.decisions()).containsExactlyInAnyOrder(recent, pendingApproval, undelivered, activeRunFirst,
                activeRunSecond, bLatestFirst, cFirstAttempt, cLatest);
        assertThat(rows.decisions()).doesNotContain(delivered, failedDelivery, justOlder, cOldest);
        assertThat(rows.outboxIds()).doesNotContain(deliveredMessage, deliveredCommand, failedMessage)
                .contains(undeliveredMessage).hasSize(3);
        assertThat(rows.count("select count(*) from audit_event where target_id = ?", delivered)).isEqualTo(1);
        assertThat(rows.count("select count(*) from config_override where source_decision_id = ?", delivered))
                .isEqualTo(1);
        assertThat(sweeper.deletedTotal()).isEqualTo(4);
        var record = new DecisionRetention(ds).record().orElseThrow();
        assertThat(record.deletedTotal()).isEqualTo(4);
        assertThat(record.deletedBefore()).isEqualTo(NOW.minus(RETENTION));
        assertThat(new DecisionRetention(ds).isNamedElsewhere(delivered)).isTrue();
        assertThat(new DecisionRetention(ds).isNamedElsewhere(failedDelivery)).isFalse();
        assertThat(infoLines()).singleElement().asString()
                .contains("deleted 4 settled decisions decided before " + NOW.minus(RETENTION))
                .contains("kept 5 older ones still needed");

        // nothing more to delete: no INFO line; once the message is delivered, its decision goes too
        assertThat(sweeper.sweep()).isZero();
        assertThat(infoLines()).hasSize(1);
        rows.store.markPublished(undeliveredMessage, NOW);
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(rows.decisions()).doesNotContain(undelivered);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_sweep_works_in_small_ranges_and_walks_past_decisions_it_keeps(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds);
        // five pending approvals first: more than a range of 3, all kept; the walk must go on past them
        var kept = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            kept.add(rows.decision("p-" + i, "job-p" + i, "run-p" + i, 1, OLD.minusSeconds(100 - i),
                    "PENDING_APPROVAL"));
        }
        var doomed = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            String id = rows.decision("s-" + i, "job-s", "run-s" + i, 1, OLD.plusSeconds(i), "APPLIED");
            rows.delivered(id);
            doomed.add(id);
        }
        String latest = rows.decision("s-latest", "job-s", "run-s-latest", 1, NOW.minus(Duration.ofHours(1)), "APPLIED");
        // two decisions decided at the same instant: the cursor orders them by id
        String twinA = rows.decision("t-a", "job-t", "run-ta", 1, OLD.plusSeconds(5), "REJECTED");
        String twinB = rows.decision("t-b", "job-t", "run-tb", 1, OLD.plusSeconds(5), "REJECTED");
        rows.decision("t-latest", "job-t", "run-t-latest", 1, NOW, "APPLIED");
        var store = new DecisionRetention(ds);

        var first = store.deleteRange(null, 3, NOW.minus(RETENTION), NOW);
        assertThat(first.deleted()).isZero();
        assertThat(first.kept()).isEqualTo(3);
        assertThat(first.last().decisionId()).isEqualTo(kept.get(2));

        var sweeper = sweeper(ds, PublisherLease.sole(), 3);
        assertThat(sweeper.sweep()).isEqualTo(12);
        assertThat(rows.decisions()).containsAll(kept).contains(latest).doesNotContainAnyElementsOf(doomed)
                .doesNotContain(twinA, twinB);
        assertThat(rows.count("select count(*) from outbox", null)).isZero();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void without_a_retention_nothing_is_deleted_and_no_thread_starts(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds);
        String ancient = rows.decision("z-1", "job-z", "run-z1", 1, NOW.minus(Duration.ofDays(3_000)), "APPLIED");
        rows.delivered(ancient);
        rows.decision("z-2", "job-z", "run-z2", 1, NOW, "APPLIED");
        var off = new DecisionRetentionSweeper(new DecisionRetention(ds), PublisherLease.sole(), clock, null, 3);

        assertThat(off.sweep()).isZero();
        off.start(Duration.ZERO, Duration.ofMillis(10));
        assertThat(off.started()).isFalse();
        off.close();

        assertThat(rows.decisions()).contains(ancient).hasSize(2);
        assertThat(new DecisionRetention(ds).record()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void only_the_holder_of_the_outbox_lease_sweeps(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds);
        String old = rows.decision("l-1", "job-l", "run-l1", 1, OLD, "APPLIED");
        rows.delivered(old);
        rows.decision("l-2", "job-l", "run-l2", 1, NOW, "APPLIED");
        var leader = PublisherLease.of(new OutboxLease(ds), Duration.ofMinutes(5));
        var standby = PublisherLease.of(new OutboxLease(ds), Duration.ofSeconds(2)); // tries again every 0.2 s
        assertThat(leader.holds()).isTrue();
        var onStandby = sweeper(ds, standby, 100);

        assertThat(onStandby.sweep()).isZero();
        assertThat(rows.decisions()).contains(old);
        assertThat(onStandby.deletedTotal()).isZero();

        assertThat(sweeper(ds, leader, 100).sweep()).isEqualTo(1);
        assertThat(rows.decisions()).doesNotContain(old);

        // once the leader has gone, the standby takes the lease over at its next try and sweeps
        leader.release();
        String later = rows.decision("l-0", "job-l", "run-l0", 1, OLD.minusSeconds(60), "APPLIED");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> onStandby.sweep() == 1);
        assertThat(rows.decisions()).doesNotContain(later);
        assertThat(standby.role()).isEqualTo(PublisherLease.Role.LEADER);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_failed_sweep_logs_one_warning_and_the_next_one_deletes(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds);
        String old = rows.decision("f-1", "job-f", "run-f1", 1, OLD, "APPLIED");
        rows.delivered(old);
        rows.decision("f-2", "job-f", "run-f2", 1, NOW, "APPLIED");
        var sweeper = sweeper(ds, PublisherLease.sole(), 100);
        var sql = JdbcClient.create(ds);
        sql.sql("alter table decision_retention rename to decision_retention_away").update(); // the store fails

        assertThatThrownBy(sweeper::sweep).isInstanceOf(RuntimeException.class);
        assertThat(rows.decisions()).as("the failed range was rolled back").contains(old);
        assertThat(rows.count("select count(*) from outbox", null)).isEqualTo(1);
        sweeper.sweepQuietly(Duration.ofHours(1)); // the timer's: never throws

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("Decision retention sweep failed; will retry in PT1H");
        sql.sql("alter table decision_retention_away rename to decision_retention").update();
        sweeper.sweepQuietly(Duration.ofHours(1));
        assertThat(rows.decisions()).doesNotContain(old);
        assertThat(sweeper.deletedTotal()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_started_sweeper_sweeps_on_its_own_thread_until_closed(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds);
        String old = rows.decision("t-1", "job-th", "run-t1", 1, OLD, "APPLIED");
        rows.decision("t-2", "job-th", "run-t2", 1, NOW, "APPLIED");

        try (var sweeper = sweeper(ds, PublisherLease.sole(), 100)) {
            sweeper.start(Duration.ZERO, Duration.ofMillis(50));
            assertThat(sweeper.started()).isTrue();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> !rows.decisions().contains(old));
            assertThat(sweeper.deletedTotal()).isEqualTo(1);
        }
    }

    private DecisionRetentionSweeper sweeper(DataSource ds, PublisherLease lease, int batch) {
        return new DecisionRetentionSweeper(new DecisionRetention(ds), lease, clock, RETENTION, batch);
    }

    private List<String> infoLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Decisions and their outbox rows, written as the service writes them, with the times the test chooses. */
    static final class Rows {
        final JdbcClient sql;
        final JdbcDecisionStore store;

        Rows(DataSource ds) {
            this.sql = JdbcClient.create(ds);
            this.store = new JdbcDecisionStore(ds, new ContractCodec(), java.time.Clock.systemUTC());
        }

        String decision(String id, String jobId, String runId, int attempt, Instant decidedAt, String status) {
            sql.sql("""
                    insert into decision (decision_id, event_id, job_id, run_id, attempt, decided_at, category, source,
                        action_type, status, decision_json, event_json)
                    values (?, ?, ?, ?, ?, ?, 'MEMORY_EXECUTOR_OOM', 'RULE', 'RETRY', ?, ?, ?)""")
                    .params(id, "event-" + id, jobId, runId, attempt, Timestamp.from(decidedAt), status, JSON, JSON)
                    .update();
            return id;
        }

        long pending(String decisionId) {
            sql.sql("insert into outbox (topic, message_key, payload, decision_id, created_at) values (?, ?, ?, ?, ?)")
                    .params("remediation-decisions", "k", JSON, decisionId, Timestamp.from(OLD)).update();
            return sql.sql("select max(id) from outbox").query(Long.class).single();
        }

        long delivered(String decisionId) {
            long id = pending(decisionId);
            store.markPublished(id, OLD.plusSeconds(1));
            return id;
        }

        long failed(String decisionId) {
            long id = pending(decisionId);
            store.markDeliveryFailed(id, 5, OLD.plusSeconds(3_600), "gave up");
            return id;
        }

        void audit(String decisionId) {
            sql.sql("insert into audit_event (at, actor, action, target_type, target_id, comment) "
                    + "values (?, 'oncall', 'APPROVE', 'DECISION', ?, 'ok')")
                    .params(Timestamp.from(OLD), decisionId).update();
        }

        void override(String jobId, String decisionId) {
            sql.sql("""
                    insert into config_override (job_id, status, overrides_json, owner_config_json, source_decision_id,
                        decay_json, created_at, updated_at, version)
                    values (?, 'ACTIVE', '{}', '{}', ?, '{}', ?, ?, 0)""")
                    .params(jobId, decisionId, Timestamp.from(OLD), Timestamp.from(OLD)).update();
        }

        List<String> decisions() {
            return sql.sql("select decision_id from decision").query(String.class).list();
        }

        List<Long> outboxIds() {
            return sql.sql("select id from outbox").query(Long.class).list();
        }

        long count(String query, String param) {
            var spec = sql.sql(query);
            return (param == null ? spec : spec.param(param)).query(Long.class).single();
        }
    }
}
