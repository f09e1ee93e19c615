package dev.autoremediate.remediator.approval;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.JdbcAuditTrail;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.service.RetryCommands;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approves or rejects a decision that waits for a human (status PENDING_APPROVAL). In one transaction: the status
 * changes only if it still is PENDING_APPROVAL (so two people approving at once send one command), the updated
 * decision — and, on approval of a retry, its retry command — are written to the transactional outbox, and the action
 * is appended to the audit trail. The outbox is published right after; what cannot be sent now goes out with the
 * next sweep.
 */
public final class ApprovalService {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContractCodec codec;
    private final Clock clock;
    private final Runnable publishOutbox;
    private final FailureDecisionService.Topics topics;

    /**
     * @param publishOutbox run after a commit to publish the outbox now (e.g. {@code OutboxPublisher::publishPending});
     *                      what it cannot send, the outbox sweep sends later
     */
    public ApprovalService(DataSource dataSource, ContractCodec codec, Clock clock, Runnable publishOutbox,
            FailureDecisionService.Topics topics) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.codec = codec;
        this.clock = clock;
        this.publishOutbox = publishOutbox;
        this.topics = topics;
    }

    public ReviewResult approve(String decisionId, String actor, String comment) {
        return review(decisionId, actor, comment, DecisionStatus.APPLIED, "APPROVE");
    }

    public ReviewResult reject(String decisionId, String actor, String comment) {
        return review(decisionId, actor, comment, DecisionStatus.REJECTED, "REJECT");
    }

    private ReviewResult review(String decisionId, String actor, String comment, DecisionStatus to, String action) {
        Objects.requireNonNull(actor, "actor");
        ReviewResult result = tx.execute(status -> {
            Optional<Decision> current = jdbc.sql("select decision_json, status from decision where decision_id = ?")
                    .param(decisionId)
                    .query((rs, n) -> codec.read(rs.getString(1), Decision.class)
                            .withStatus(DecisionStatus.valueOf(rs.getString(2))))
                    .optional();
            if (current.isEmpty()) {
                return new ReviewResult(ReviewResult.Outcome.NOT_FOUND, Optional.empty());
            }
            if (current.get().status() != DecisionStatus.PENDING_APPROVAL) {
                return new ReviewResult(ReviewResult.Outcome.NOT_PENDING, current);
            }
            Decision updated = current.get().withStatus(to);
            String json = codec.write(updated);
            int changed = jdbc.sql("update decision set status = ?, decision_json = ? where decision_id = ? and status = ?")
                    .params(to.name(), json, decisionId, DecisionStatus.PENDING_APPROVAL.name()).update();
            if (changed != 1) {
                return new ReviewResult(ReviewResult.Outcome.NOT_PENDING, current);
            }
            Instant now = clock.instant();
            outbox(topics.decisions(), updated, json, now);
            String details = DecisionStatus.PENDING_APPROVAL + " -> " + to;
            if (to == DecisionStatus.APPLIED && updated.action().type().isRetry()) {
                Instant due = updated.decidedAt().plusSeconds(updated.action().delaySeconds());
                var command = RetryCommands.of(updated, due.isAfter(now) ? due : now);
                outbox(topics.retryCommands(), updated, codec.write(command), now);
                details += "; retry command " + command.commandId() + " for attempt " + command.nextAttempt();
            }
            JdbcAuditTrail.insert(jdbc, AuditEntry.of(now, actor, action, "DECISION", decisionId, comment, details));
            return new ReviewResult(ReviewResult.Outcome.DONE, Optional.of(updated));
        });
        if (result.outcome() == ReviewResult.Outcome.DONE) {
            log.info("{} decision {} of job {} by {}", action, decisionId, result.decision().get().jobId(), actor);
            try {
                publishOutbox.run();
            } catch (RuntimeException e) {
                log.warn("Could not publish the outbox after {} of {}; the sweep will: {}", action, decisionId, e.toString());
            }
        }
        return result;
    }

    private void outbox(String topic, Decision d, String payload, Instant now) {
        jdbc.sql("insert into outbox (topic, message_key, payload, decision_id, created_at) values (?, ?, ?, ?, ?)")
                .params(topic, d.jobId(), payload, d.decisionId(), Timestamp.from(now)).update();
    }
}
