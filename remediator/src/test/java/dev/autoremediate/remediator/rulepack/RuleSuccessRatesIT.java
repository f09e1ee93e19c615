package dev.autoremediate.remediator.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Action;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.rulepack.RuleSuccessRates.RuleSuccessRate;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.StoredDecision;
import dev.autoremediate.remediator.support.MigratedDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The success rate of the retries each rule caused, read from decisions whose status the outcome loop set
 * ({@code DecisionStore.updateStatus}), on H2 and a real PostgreSQL server.
 */
class RuleSuccessRatesIT {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private final ContractCodec codec = new ContractCodec();

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("rule_rates_it");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void counts_succeeded_failed_and_pending_retries_per_rule(Callable<DataSource> database) throws Exception {
        DataSource ds = database.call();
        var store = new JdbcDecisionStore(ds, codec, Clock.fixed(NOW, ZoneOffset.UTC));
        int n = 0;
        for (DecisionStatus outcome : List.of(DecisionStatus.SUCCEEDED, DecisionStatus.SUCCEEDED,
                DecisionStatus.SUCCEEDED, DecisionStatus.FAILED, DecisionStatus.APPLIED)) {
            String id = store(store, "mem-" + n++, "MEM-010", ActionType.RETRY_WITH_CONFIG);
            if (outcome != DecisionStatus.APPLIED) {
                assertThat(store.updateStatus(id, outcome)).isTrue();
            }
        }
        String io = store(store, "io-1", "IO-001", ActionType.RETRY);
        store.updateStatus(io, DecisionStatus.FAILED);
        store(store, "sql-1", "SQL-002", ActionType.NO_RETRY);
        store(store, "unknown-1", null, ActionType.RETRY);

        List<RuleSuccessRate> rates = new RuleSuccessRates(ds).all();

        assertThat(rates).containsExactly(
                new RuleSuccessRate("IO-001", 0, 1, 0),
                new RuleSuccessRate("MEM-010", 3, 1, 1));
        assertThat(rates.get(1).successRate()).isEqualTo(0.75);
        assertThat(rates.get(0).successRate()).isZero();
    }

    private String store(JdbcDecisionStore store, String jobId, String ruleId, ActionType type) {
        FailureEvent event = FailureEvents.containerKilled(jobId);
        var classification = new Classification(ruleId == null ? FailureCategory.UNKNOWN : FailureCategory.MEMORY_OVERHEAD,
                ruleId == null ? null : type.isRetry(), 0.9, ruleId == null ? ClassificationSource.NONE : ClassificationSource.RULE,
                ruleId, "pack1", null, "test", ruleId == null ? List.of() : List.of(ruleId));
        var decision = new Decision(1, "d-" + jobId, event.eventId(), NOW, jobId, event.job().runId(), 1, classification,
                new Action(type, null, type.isRetry() ? 60 : 0, "test", null, null), DecisionStatus.APPLIED);
        store.insert(new StoredDecision(decision, codec.write(event)), List.of());
        return decision.decisionId();
    }
}
