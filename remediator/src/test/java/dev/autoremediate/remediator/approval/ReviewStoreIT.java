package dev.autoremediate.remediator.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.JdbcAuditTrail;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.review.DecisionFilter;
import dev.autoremediate.remediator.review.DecisionQueries;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.OutboxMessage;
import dev.autoremediate.remediator.store.StoredDecision;
import dev.autoremediate.remediator.support.MigratedDatabases;
import dev.autoremediate.rules.RulePack;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review tables of migration V5 (decision owner, remediation modes, audit trail) and the approval transaction,
 * against H2 (the embedded default) and a real PostgreSQL server.
 */
class ReviewStoreIT {

    private static final Instant NOW = Instant.parse("2026-11-22T10:20:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RulePack PACK = RulePack.bundled();
    private static final FailureDecisionService.Topics TOPICS =
            new FailureDecisionService.Topics("remediation-decisions", "job-retry-commands");
    private final ContractCodec codec = new ContractCodec();

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("review_it");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void modes_are_set_replaced_resolved_most_specific_first_cleared_and_audited(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var modes = new JdbcModeStore(ds, CLOCK);
        var audit = new JdbcAuditTrail(ds);

        modes.set(new ModeSetting(ModeScope.CATEGORY, "MEMORY_OVERHEAD", RemediationMode.DRY_RUN, "ana", NOW, "new rule"));
        modes.set(new ModeSetting(ModeScope.TEAM, "team-search", RemediationMode.APPROVAL_REQUIRED, "ana", NOW, ""));
        modes.set(new ModeSetting(ModeScope.JOB, "etl.daily", RemediationMode.DRY_RUN, "ana", NOW, "first"));
        modes.set(new ModeSetting(ModeScope.JOB, "etl.daily", RemediationMode.AUTOMATIC, "bo", NOW, "second"));

        assertThat(modes.all()).hasSize(3);
        assertThat(modes.find(ModeScope.JOB, "etl.daily").orElseThrow())
                .extracting(ModeSetting::mode, ModeSetting::updatedBy, ModeSetting::comment)
                .containsExactly(RemediationMode.AUTOMATIC, "bo", "second");
        assertThat(modes.modeFor("etl.daily", "team-search", FailureCategory.MEMORY_OVERHEAD).mode())
                .isEqualTo(RemediationMode.AUTOMATIC);
        assertThat(modes.modeFor("other", "team-search", FailureCategory.MEMORY_OVERHEAD).mode())
                .isEqualTo(RemediationMode.APPROVAL_REQUIRED);
        assertThat(modes.modeFor("other", "team-x", FailureCategory.MEMORY_OVERHEAD).mode())
                .isEqualTo(RemediationMode.DRY_RUN);
        assertThat(modes.modeFor("other", null, FailureCategory.SHUFFLE_FETCH)).isEqualTo(EffectiveMode.DEFAULT);

        assertThat(modes.clear(ModeScope.TEAM, "team-search", "bo", "incident over")).isPresent();
        assertThat(modes.clear(ModeScope.TEAM, "team-search", "bo", "again")).isEmpty();
        assertThat(modes.modeFor("other", "team-search", FailureCategory.MEMORY_OVERHEAD).mode())
                .isEqualTo(RemediationMode.DRY_RUN);

        List<AuditEntry> trail = audit.recent(0, 10);
        assertThat(audit.count()).isEqualTo(5);
        assertThat(trail.get(0)).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::targetId,
                AuditEntry::comment, AuditEntry::details)
                .containsExactly("bo", "MODE_CLEAR", "TEAM:team-search", "incident over", "APPROVAL_REQUIRED -> (none)");
        assertThat(audit.forTarget("MODE", "JOB:etl.daily")).extracting(AuditEntry::details)
                .containsExactly("(none) -> DRY_RUN", "DRY_RUN -> AUTOMATIC");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrent_approvals_apply_a_pending_decision_once_with_one_retry_command(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var store = new JdbcDecisionStore(ds, codec, CLOCK);
        Decision pending = pending(store, FailureEvents.heapOom("job-approve"), "team-a");
        var published = new AtomicInteger();
        var approvals = new ApprovalService(ds, codec, CLOCK, published::incrementAndGet, TOPICS);

        int threads = 6;
        var pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<ReviewResult>>();
        for (int i = 0; i < threads; i++) {
            String who = "oncall-" + i;
            results.add(pool.submit(() -> {
                start.await();
                return approvals.approve(pending.decisionId(), who, "go");
            }));
        }
        start.countDown();
        long done = 0;
        for (Future<ReviewResult> r : results) {
            done += r.get().outcome() == ReviewResult.Outcome.DONE ? 1 : 0;
        }
        pool.shutdown();

        assertThat(done).isEqualTo(1);
        assertThat(published.get()).isEqualTo(1);
        Decision now = store.findByEventId(pending.eventId()).orElseThrow();
        assertThat(now.status()).isEqualTo(DecisionStatus.APPLIED);
        List<OutboxMessage> outbox = store.unpublished(10);
        assertThat(outbox).extracting(OutboxMessage::topic).containsExactly("remediation-decisions", "job-retry-commands");
        RetryCommand command = codec.read(outbox.get(1).payload(), RetryCommand.class);
        assertThat(command.decisionId()).isEqualTo(pending.decisionId());
        assertThat(command.nextAttempt()).isEqualTo(2);
        assertThat(command.configOverrides()).containsKey("spark.executor.memory");
        assertThat(codec.read(outbox.get(0).payload(), Decision.class).status()).isEqualTo(DecisionStatus.APPLIED);
        assertThat(new JdbcAuditTrail(ds).forTarget("DECISION", pending.decisionId())).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("PENDING_APPROVAL -> APPLIED", command.commandId()));

        assertThat(approvals.reject(pending.decisionId(), "late", "no").outcome()).isEqualTo(ReviewResult.Outcome.NOT_PENDING);
        assertThat(approvals.approve("no-such-decision", "x", "").outcome()).isEqualTo(ReviewResult.Outcome.NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_rejected_decision_writes_no_retry_command_and_queries_see_its_new_status(Callable<DataSource> database)
            throws Exception {
        DataSource ds = database.call();
        var store = new JdbcDecisionStore(ds, codec, CLOCK);
        Decision pending = pending(store, FailureEvents.containerKilled("job-reject"), "team-b");
        pending(store, FailureEvents.tableNotFound("job-other"), "team-c");
        var approvals = new ApprovalService(ds, codec, CLOCK, () -> { }, TOPICS);

        assertThat(approvals.reject(pending.decisionId(), "ana", "owner redeploys").outcome())
                .isEqualTo(ReviewResult.Outcome.DONE);
        assertThat(store.unpublished(10)).extracting(OutboxMessage::topic).containsExactly("remediation-decisions");

        var queries = new DecisionQueries(ds, codec);
        assertThat(queries.search(DecisionFilter.status(DecisionStatus.REJECTED), 0, 10).items())
                .singleElement().satisfies(s -> assertThat(s.owner()).isEqualTo("team-b"));
        assertThat(queries.search(new DecisionFilter(null, "team-c", null, null, null, null, null), 0, 10).total())
                .isEqualTo(1);
        assertThat(queries.search(new DecisionFilter(null, null, null, null, null, NOW.plusSeconds(1), null), 0, 10).total())
                .isZero();
        assertThat(queries.countByStatus()).containsEntry(DecisionStatus.REJECTED, 1L)
                .containsEntry(DecisionStatus.PENDING_APPROVAL, 1L);
        assertThat(queries.byRule().values().stream().mapToLong(r -> r.hits()).sum()).isEqualTo(2);
    }

    /** Decides an event with the real classifier and policy and stores it as PENDING_APPROVAL, as an approval mode would. */
    private Decision pending(JdbcDecisionStore store, FailureEvent event, String owner) {
        var classified = new FailureClassifier(PACK).classify(event);
        Decision d = new RemediationPolicy(PolicySettings.DEFAULT, CLOCK)
                .decide(event, classified, List.of(), true, JobHistory.NONE)
                .withStatus(DecisionStatus.PENDING_APPROVAL);
        assertThat(store.insert(new StoredDecision(d, codec.write(event), owner), List.of()).isStored()).isTrue();
        return d;
    }
}
