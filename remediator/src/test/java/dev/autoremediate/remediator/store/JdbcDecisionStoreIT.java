package dev.autoremediate.remediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Action;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.support.MigratedDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision store against H2 (the embedded default) and a real PostgreSQL server, with the same migrations. */
class JdbcDecisionStoreIT {

    private static final Instant NOW = Instant.parse("2026-11-22T10:20:00Z");
    private final ContractCodec codec = new ContractCodec();

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("store_it");
    }

    private JdbcDecisionStore store(Callable<DataSource> database) throws Exception {
        return new JdbcDecisionStore(database.call(), codec, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_stored_decision_reads_back_equal_with_its_event(Callable<DataSource> database) throws Exception {
        var store = store(database);
        FailureEvent event = FailureEvents.heapOom("job-a");
        Decision decision = decision(event, ActionType.RETRY_WITH_CONFIG);

        InsertResult result = store.insert(new StoredDecision(decision, codec.write(event)),
                List.of(OutboxMessage.pending("remediation-decisions", "job-a", codec.write(decision))));

        assertThat(result.isStored()).isTrue();
        assertThat(store.findByEventId(event.eventId())).contains(decision);
        assertThat(store.findByRunAttempt(event.job().runId(), 1)).contains(decision);
        assertThat(store.eventJson(decision.decisionId()).map(json -> codec.readFailureEvent(json))).contains(event);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.recent(10)).containsExactly(decision);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_same_event_or_the_same_run_attempt_is_stored_once(Callable<DataSource> database) throws Exception {
        var store = store(database);
        FailureEvent event = FailureEvents.containerKilled("job-b");
        Decision first = decision(event, ActionType.RETRY_WITH_CONFIG);
        store.insert(new StoredDecision(first, codec.write(event)),
                List.of(OutboxMessage.pending("job-retry-commands", "job-b", "{}")));

        InsertResult sameEvent = store.insert(new StoredDecision(first, codec.write(event)),
                List.of(OutboxMessage.pending("job-retry-commands", "job-b", "{}")));
        FailureEvent sameRunAttempt = FailureEvents.withEventId(event, "another-event-id");
        InsertResult sameRun = store.insert(new StoredDecision(decision(sameRunAttempt, ActionType.RETRY),
                codec.write(sameRunAttempt)), List.of(OutboxMessage.pending("job-retry-commands", "job-b", "{}")));

        assertThat(sameEvent.outcome()).isEqualTo(InsertResult.Outcome.DUPLICATE_EVENT);
        assertThat(sameEvent.existing()).contains(first);
        assertThat(sameRun.outcome()).isEqualTo(InsertResult.Outcome.DUPLICATE_RUN_ATTEMPT);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.unpublished(10)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_inserts_of_one_event_store_it_once(Callable<DataSource> database) throws Exception {
        var store = store(database);
        FailureEvent event = FailureEvents.fetchFailed("job-c");
        Decision decision = decision(event, ActionType.RETRY);
        var pool = Executors.newFixedThreadPool(4);
        try {
            Callable<InsertResult> insert = () -> store.insert(new StoredDecision(decision, codec.write(event)),
                    List.of(OutboxMessage.pending("job-retry-commands", "job-c", "{}")));
            var results = pool.invokeAll(java.util.Collections.nCopies(8, insert));
            long stored = 0;
            for (var r : results) {
                stored += r.get().isStored() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.unpublished(10)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void outbox_messages_come_out_in_order_until_marked_published(Callable<DataSource> database) throws Exception {
        var store = store(database);
        FailureEvent event = FailureEvents.s3SlowDown("job-d");
        Decision decision = decision(event, ActionType.RETRY);
        store.insert(new StoredDecision(decision, codec.write(event)), List.of(
                OutboxMessage.pending("remediation-decisions", "job-d", "first"),
                OutboxMessage.pending("job-retry-commands", "job-d", "second")));

        List<OutboxMessage> pending = store.unpublished(10);
        assertThat(pending).extracting(OutboxMessage::payload).containsExactly("first", "second");
        assertThat(pending).allSatisfy(m -> {
            assertThat(m.decisionId()).isEqualTo(decision.decisionId());
            assertThat(m.createdAt()).isEqualTo(NOW);
            assertThat(m.publishedAt()).isNull();
        });

        store.markPublished(pending.get(0).id(), NOW);

        assertThat(store.unpublished(10)).extracting(OutboxMessage::payload).containsExactly("second");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void decisions_of_a_run_come_back_oldest_attempt_first(Callable<DataSource> database) throws Exception {
        var store = store(database);
        FailureEvent first = FailureEvents.unrecognised("job-e");
        FailureEvent second = FailureEvents.attempt(first, 2);
        Decision d2 = decision(second, ActionType.ESCALATE);
        Decision d1 = decision(first, ActionType.RETRY);
        store.insert(new StoredDecision(d2, codec.write(second)), List.of());
        store.insert(new StoredDecision(d1, codec.write(first)), List.of());

        assertThat(store.findByRun(first.job().runId())).containsExactly(d1, d2);
        assertThat(store.findByRun("no-such-run")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_decisions_of_several_runs_come_back_in_one_query_oldest_attempt_first(Callable<DataSource> database)
            throws Exception {
        var store = store(database);
        FailureEvent first = FailureEvents.unrecognised("job-f");
        FailureEvent second = FailureEvents.attempt(first, 2);
        FailureEvent other = FailureEvents.heapOom("job-g");
        Decision d2 = decision(second, ActionType.ESCALATE);
        Decision d1 = decision(first, ActionType.RETRY);
        Decision o1 = decision(other, ActionType.RETRY);
        store.insert(new StoredDecision(d2, codec.write(second)), List.of());
        store.insert(new StoredDecision(d1, codec.write(first)), List.of());
        store.insert(new StoredDecision(o1, codec.write(other)), List.of());

        var byRun = store.findByRuns(List.of(first.job().runId(), "no-such-run", other.job().runId(),
                first.job().runId()));

        assertThat(byRun).containsOnlyKeys(first.job().runId(), other.job().runId());
        assertThat(byRun.get(first.job().runId())).containsExactly(d1, d2);
        assertThat(byRun.get(other.job().runId())).containsExactly(o1);
        assertThat(store.findByRuns(List.of())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_batch_stores_each_decision_with_its_owner_and_the_json_it_was_given(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var store = new JdbcDecisionStore(ds, codec, Clock.fixed(NOW, ZoneOffset.UTC));
        FailureEvent event = FailureEvents.heapOom("job-h");
        Decision decision = decision(event, ActionType.RETRY);
        String json = codec.write(decision);

        store.insertAll(List.of(new DecisionStore.Insert(new StoredDecision(decision, codec.write(event), "team-h", json),
                List.of(OutboxMessage.pending("remediation-decisions", decision.jobId(), json)))));

        assertThat(store.findByEventId(event.eventId())).contains(decision);
        assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(ds)
                .sql("select owner from decision where decision_id = ?").param(decision.decisionId())
                .query(String.class).single()).isEqualTo("team-h");
        assertThat(store.unpublished(10)).extracting(OutboxMessage::payload).containsExactly(json);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void long_texts_and_hostile_strings_are_stored_verbatim(Callable<DataSource> database) throws Exception {
        var store = store(database);
        FailureEvent base = FailureEvents.heapOom("job-f");
        String hostile = "'; drop table decision; -- <script>alert(1)</script> \u00e9\u4e2d\ud83d\ude00 "
                + "x".repeat(12_000);
        FailureEvent event = new FailureEvent(1, "evt-hostile", base.occurredAt(), base.job(),
                new dev.autoremediate.ingest.contract.Failure(1, null, hostile, null, null), null);
        Decision decision = decision(event, ActionType.RETRY);

        store.insert(new StoredDecision(decision, codec.write(event)), List.of());

        assertThat(codec.readFailureEvent(store.eventJson(decision.decisionId()).orElseThrow()).failure().message())
                .isEqualTo(hostile);
        assertThat(store.count()).isEqualTo(1);
    }

    static Decision decision(FailureEvent event, ActionType type) {
        var classification = new Classification(FailureCategory.MEMORY_EXECUTOR_OOM, true, 0.9, ClassificationSource.RULE,
                "MEM-001", "abc123", null, "rule MEM-001", List.of("MEM-001"));
        Map<String, ConfigChange> changes = type == ActionType.RETRY_WITH_CONFIG
                ? Map.of("spark.executor.memory", new ConfigChange("8g", "12g")) : Map.of();
        var action = new Action(type, changes, 60, "because", null, null);
        return new Decision(1, "d-" + event.eventId(), event.eventId(), NOW.minusSeconds(event.job().attempt() * -1L),
                event.job().jobId(), event.job().runId(), event.job().attempt(), classification, action,
                DecisionStatus.APPLIED);
    }
}
