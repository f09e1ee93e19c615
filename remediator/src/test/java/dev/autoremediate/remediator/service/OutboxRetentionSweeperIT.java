package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.OutboxDelivery;
import dev.autoremediate.remediator.store.OutboxLease;
import dev.autoremediate.remediator.store.OutboxRetention;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.remediator.support.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
 * Outbox payload retention against H2 and a real PostgreSQL server, with the service's migrations: which payloads are
 * cleared, in ranges, from where the settled history ends, and only by the holder of the outbox lease. The clock is
 * moved by hand; nothing sleeps.
 */
class OutboxRetentionSweeperIT {

    private static final Instant NOW = Instant.parse("2026-11-24T06:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final String PAYLOAD = "{\"decisionId\":\"d\",\"padding\":\"" + "x".repeat(2_000) + "\"}";

    private final MutableClock clock = new MutableClock(NOW);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger sweeperLog = (Logger) LoggerFactory.getLogger(OutboxRetentionSweeper.class);

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("retention_it");
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
    void old_delivered_payloads_are_cleared_and_recent_pending_and_failed_ones_are_kept(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-1");
        long oldKafka = rows.delivered(NOW.minus(Duration.ofDays(10)));
        long oldAdapter = rows.deliveredVia(NOW.minus(Duration.ofDays(8)), "webhook");
        long justOlder = rows.delivered(NOW.minus(WEEK).minusSeconds(1));
        long recent = rows.delivered(NOW.minus(Duration.ofDays(6)));
        long pending = rows.pending(NOW.minus(Duration.ofDays(30)));
        long failed = rows.failed(NOW.minus(Duration.ofDays(30)));
        var sweeper = sweeper(ds, PublisherLease.sole(), 1_000);

        int cleared = sweeper.sweep();

        assertThat(cleared).isEqualTo(3);
        assertThat(sweeper.clearedTotal()).isEqualTo(3);
        assertThat(rows.payload(oldKafka)).isEmpty();
        assertThat(rows.payload(oldAdapter)).isEmpty();
        assertThat(rows.payload(justOlder)).isEmpty();
        assertThat(rows.payload(recent)).isEqualTo(PAYLOAD);
        assertThat(rows.payload(pending)).isEqualTo(PAYLOAD);
        assertThat(rows.payload(failed)).isEqualTo(PAYLOAD);
        // the rows stay, with their delivery state, for the review UI
        var deliveries = rows.store.deliveries("d-1");
        assertThat(deliveries).extracting(OutboxDelivery::outboxId)
                .containsExactly(oldKafka, oldAdapter, justOlder, recent, pending, failed);
        assertThat(deliveries).extracting(OutboxDelivery::status).containsExactly(OutboxDelivery.Status.DELIVERED,
                OutboxDelivery.Status.DELIVERED, OutboxDelivery.Status.DELIVERED, OutboxDelivery.Status.DELIVERED,
                OutboxDelivery.Status.PENDING, OutboxDelivery.Status.FAILED);
        assertThat(deliveries.get(1).deliveredVia()).isEqualTo("webhook");
        assertThat(deliveries.get(5).lastError()).isEqualTo("gave up");
        assertThat(infoLines()).singleElement().asString()
                .contains("cleared the payloads of 3 messages delivered before " + NOW.minus(WEEK));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_sweep_with_nothing_to_clear_logs_nothing_at_info(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-2");
        rows.delivered(NOW.minus(Duration.ofDays(1)));
        var sweeper = sweeper(ds, PublisherLease.sole(), 1_000);

        assertThat(sweeper.sweep()).isZero();
        assertThat(sweeper(ds, PublisherLease.sole(), 1_000).sweep()).isZero(); // on an empty history too

        assertThat(infoLines()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_sweep_works_in_ranges_and_starts_the_next_time_where_the_settled_history_ends(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-3");
        var ids = new java.util.ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            ids.add(rows.delivered(NOW.minus(Duration.ofDays(20 - i))));
        }
        long pending = rows.pending(NOW.minus(Duration.ofDays(12)));
        for (int i = 0; i < 4; i++) {
            ids.add(rows.delivered(NOW.minus(Duration.ofDays(11 - i))));
        }
        var retention = new OutboxRetention(ds);
        var sweeper = sweeper(ds, PublisherLease.sole(), 3);

        assertThat(sweeper.sweep()).isEqualTo(11);

        assertThat(ids).allSatisfy(id -> assertThat(rows.payload(id)).isEmpty());
        assertThat(rows.payload(pending)).isEqualTo(PAYLOAD);
        assertThat(retention.watermark()).as("stops at the row still pending").isEqualTo(pending);
        assertThat(sweeper.sweep()).isZero();

        // the pending message is delivered at last; once it is older than the retention it is cleared too
        rows.store.markPublished(pending, NOW);
        clock.advance(WEEK.plusMinutes(1));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(rows.payload(pending)).isEmpty();
        assertThat(retention.watermark()).isEqualTo(ids.get(ids.size() - 1) + 1);
        assertThat(sweeper.clearedTotal()).isEqualTo(12);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_watermark_never_passes_an_id_that_was_not_visible_yet(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-4");
        long first = rows.delivered(NOW.minus(Duration.ofDays(10)));
        rows.insertWithId(first + 2, NOW.minus(Duration.ofSeconds(5))); // a new message, pending
        var retention = new OutboxRetention(ds);
        var sweeper = sweeper(ds, PublisherLease.sole(), 1_000);

        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(retention.watermark()).isEqualTo(first + 1);

        // an insert that had taken the id in between commits only now (an old message, delivered long ago)
        long late = rows.insertWithId(first + 1, NOW.minus(Duration.ofDays(10)));
        rows.store.markPublished(late, NOW.minus(Duration.ofDays(9)));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(rows.payload(late)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void with_a_short_retention_the_watermark_stays_below_recent_rows_that_an_uncommitted_insert_may_precede(
            Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-8");
        long first = rows.delivered(NOW.minus(Duration.ofDays(10)));
        // a message delivered a minute ago, whose id comes after one that an open transaction took and did not commit
        long recent = rows.insertWithId(first + 2, NOW.minus(Duration.ofMinutes(1)));
        rows.store.markPublished(recent, NOW.minus(Duration.ofMinutes(1)));
        var retention = new OutboxRetention(ds);
        var sweeper = new OutboxRetentionSweeper(retention, PublisherLease.sole(), clock, Duration.ZERO, 1_000);

        assertThat(sweeper.sweep()).as("both delivered before the cutoff (now): both cleared").isEqualTo(2);
        assertThat(rows.payload(recent)).isEmpty();
        assertThat(retention.watermark()).as("not past the recent row").isEqualTo(first + 1);

        // the open transaction commits its message (delivered at once): the next sweep still finds it
        long late = rows.insertWithId(first + 1, NOW.minus(Duration.ofMinutes(2)));
        rows.store.markPublished(late, NOW.minus(Duration.ofMinutes(1)));
        assertThat(sweeper.sweep()).isEqualTo(1);
        assertThat(rows.payload(late)).isEmpty();

        // once they are older than the margin, the watermark passes them
        clock.advance(OutboxRetention.IN_FLIGHT_MARGIN);
        assertThat(sweeper.sweep()).isZero();
        assertThat(retention.watermark()).isEqualTo(recent + 1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void only_the_holder_of_the_outbox_lease_sweeps(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-5");
        long old = rows.delivered(NOW.minus(Duration.ofDays(10)));
        var leader = PublisherLease.of(new OutboxLease(ds), Duration.ofMinutes(5));
        var standby = PublisherLease.of(new OutboxLease(ds), Duration.ofSeconds(2)); // tries again every 0.2 s
        assertThat(leader.holds()).isTrue();
        var onStandby = sweeper(ds, standby, 1_000);

        assertThat(onStandby.sweep()).isZero();
        assertThat(rows.payload(old)).isEqualTo(PAYLOAD);
        assertThat(onStandby.clearedTotal()).isZero();

        assertThat(sweeper(ds, leader, 1_000).sweep()).isEqualTo(1);
        assertThat(rows.payload(old)).isEmpty();

        // once the leader has gone, the standby takes the lease over at its next try and sweeps
        leader.release();
        long later = rows.delivered(NOW.minus(Duration.ofDays(9)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> onStandby.sweep() == 1);
        assertThat(rows.payload(later)).isEmpty();
        assertThat(standby.role()).isEqualTo(PublisherLease.Role.LEADER);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_failed_sweep_logs_one_warning_and_the_next_one_clears(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-6");
        long old = rows.delivered(NOW.minus(Duration.ofDays(10)));
        var sweeper = sweeper(ds, PublisherLease.sole(), 1_000);
        var sql = JdbcClient.create(ds);
        sql.sql("alter table outbox_retention rename to outbox_retention_away").update(); // the store fails

        assertThatThrownBy(sweeper::sweep).isInstanceOf(RuntimeException.class);
        sweeper.sweepQuietly(Duration.ofMinutes(10)); // the timer's: never throws

        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("Outbox retention sweep failed; will retry in PT10M");
        sql.sql("alter table outbox_retention_away rename to outbox_retention").update();
        sweeper.sweepQuietly(Duration.ofMinutes(10));
        assertThat(rows.payload(old)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_started_sweeper_sweeps_on_its_own_thread_until_closed(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var rows = new Rows(ds, "d-7");
        long old = rows.delivered(NOW.minus(Duration.ofDays(10)));

        try (var sweeper = sweeper(ds, PublisherLease.sole(), 1_000)) {
            sweeper.start(Duration.ZERO, Duration.ofMillis(50));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> rows.payload(old).isEmpty());
            assertThat(sweeper.clearedTotal()).isEqualTo(1);
        }
    }

    private OutboxRetentionSweeper sweeper(DataSource ds, PublisherLease lease, int batch) {
        return new OutboxRetentionSweeper(new OutboxRetention(ds), lease, clock, WEEK, batch);
    }

    private List<String> infoLines() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Outbox rows of one decision, written as the service writes them, with the times the test chooses. */
    private static final class Rows {
        final JdbcClient sql;
        final JdbcDecisionStore store;
        final String decisionId;

        Rows(DataSource ds, String decisionId) {
            this.sql = JdbcClient.create(ds);
            this.store = new JdbcDecisionStore(ds, new ContractCodec(), java.time.Clock.systemUTC());
            this.decisionId = decisionId;
            sql.sql("""
                    insert into decision (decision_id, event_id, job_id, run_id, attempt, decided_at, category, source,
                        action_type, status, decision_json, event_json)
                    values (?, ?, 'job-1', ?, 1, ?, 'MEMORY', 'RULE', 'RETRY', 'SENT', '{}', '{}')""")
                    .params(decisionId, "event-" + decisionId, "run-" + decisionId, Timestamp.from(NOW)).update();
        }

        long pending(Instant createdAt) {
            sql.sql("insert into outbox (topic, message_key, payload, decision_id, created_at) values (?, ?, ?, ?, ?)")
                    .params("remediation-decisions", "job-1", PAYLOAD, decisionId, Timestamp.from(createdAt)).update();
            return sql.sql("select max(id) from outbox").query(Long.class).single();
        }

        long insertWithId(long id, Instant createdAt) {
            sql.sql("insert into outbox (id, topic, message_key, payload, decision_id, created_at) "
                            + "values (?, ?, ?, ?, ?, ?)")
                    .params(id, "remediation-decisions", "job-1", PAYLOAD, decisionId, Timestamp.from(createdAt))
                    .update();
            return id;
        }

        long delivered(Instant publishedAt) {
            long id = pending(publishedAt.minusSeconds(1));
            store.markPublished(id, publishedAt);
            return id;
        }

        long deliveredVia(Instant publishedAt, String adapter) {
            long id = pending(publishedAt.minusSeconds(60));
            store.markDelivered(id, publishedAt, adapter);
            return id;
        }

        long failed(Instant createdAt) {
            long id = pending(createdAt);
            store.markDeliveryFailed(id, 5, createdAt.plusSeconds(3_600), "gave up");
            return id;
        }

        String payload(long id) {
            return sql.sql("select payload from outbox where id = ?").param(id).query(String.class).single();
        }
    }
}
