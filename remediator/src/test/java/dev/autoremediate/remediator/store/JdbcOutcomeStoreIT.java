package dev.autoremediate.remediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outcome store, and decision status updates, against H2 and a real PostgreSQL server. */
class JdbcOutcomeStoreIT {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final ContractCodec codec = new ContractCodec();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    static java.util.stream.Stream<org.junit.jupiter.api.Named<Callable<DataSource>>> databases() {
        return JdbcDecisionStoreIT.databases();
    }

    private static JobOutcome outcome(String job, String run, int attempt, long minutes, boolean ok, String memory) {
        var metrics = new RunMetrics(null, null, null, null, 6_000_000_000L, null, null, null, 600L, 10, null);
        return new JobOutcome(1, job, run, attempt, T0.plusSeconds(60 * minutes), ok,
                Map.of("spark.executor.memory", memory), metrics, ok ? null : run + "-evt-" + attempt);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_outcome_is_recorded_once_per_run_attempt_and_reads_back_equal(Callable<DataSource> database) throws Exception {
        var store = new JdbcOutcomeStore(database.call(), codec, clock);
        JobOutcome first = outcome("job-a", "job-a/1", 1, 0, false, "8g");

        assertThat(store.record(first)).isTrue();
        assertThat(store.record(first)).isFalse();
        assertThat(store.record(outcome("job-a", "job-a/1", 1, 5, true, "8g"))).isFalse();

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.find("job-a/1", 1)).contains(first);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void history_is_newest_first_and_the_last_success_is_found(Callable<DataSource> database) throws Exception {
        var store = new JdbcOutcomeStore(database.call(), codec, clock);
        store.record(outcome("job-b", "job-b/1", 1, 0, false, "8g"));
        store.record(outcome("job-b", "job-b/1", 2, 10, true, "12g"));
        store.record(outcome("job-b", "job-b/2", 1, 1440, false, "12g"));
        store.record(outcome("job-c", "job-c/1", 1, 2000, true, "4g"));

        assertThat(store.outcomesOf("job-b", 10)).extracting(JobOutcome::runId, JobOutcome::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("job-b/2", 1),
                        org.assertj.core.groups.Tuple.tuple("job-b/1", 2),
                        org.assertj.core.groups.Tuple.tuple("job-b/1", 1));
        assertThat(store.outcomesOf("job-b", 1)).hasSize(1);
        assertThat(store.lastSuccess("job-b").orElseThrow().config()).containsEntry("spark.executor.memory", "12g");
        assertThat(store.lastSuccess("job-unknown")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_decision_status_update_changes_its_row_and_its_json(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var decisions = new JdbcDecisionStore(ds, codec, clock);
        FailureEvent event = FailureEvents.heapOom("job-d");
        Decision decision = JdbcDecisionStoreIT.decision(event, ActionType.RETRY_WITH_CONFIG);
        decisions.insert(new StoredDecision(decision, codec.write(event)), List.of());

        assertThat(decisions.updateStatus(decision.decisionId(), DecisionStatus.SUCCEEDED)).isTrue();
        assertThat(decisions.updateStatus("no-such-decision", DecisionStatus.FAILED)).isFalse();

        assertThat(decisions.findByEventId(event.eventId()).orElseThrow().status()).isEqualTo(DecisionStatus.SUCCEEDED);
        assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(ds)
                .sql("select status from decision where decision_id = ?").param(decision.decisionId())
                .query(String.class).single()).isEqualTo("SUCCEEDED");
    }
}
