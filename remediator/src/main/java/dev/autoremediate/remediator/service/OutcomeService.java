package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.kafka.JobOutcomeHandler;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.ingest.kafka.TransientProcessingException;
import dev.autoremediate.remediator.overrides.ConfigOverrideService;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutcomeStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop: records every finished run, and when the run attempt was a retry this service asked for, marks
 * the decision that caused it SUCCEEDED or FAILED; then the job's config override follows the outcome
 * ({@link ConfigOverrideService}: made by a successful remediated retry, decayed by runs with headroom). Idempotent, as
 * {@link JobOutcomeHandler} requires: an outcome is recorded once per run attempt, setting a decision's status again
 * to the same value changes nothing, and the override service applies an outcome once.
 */
public final class OutcomeService implements JobOutcomeHandler {

    private static final Logger log = LoggerFactory.getLogger(OutcomeService.class);

    private final OutcomeStore outcomes;
    private final DecisionStore decisions;
    private final ConfigOverrideService overrides;
    private final AutomaticActionGuard guard;

    public OutcomeService(OutcomeStore outcomes, DecisionStore decisions) {
        this(outcomes, decisions, null);
    }

    /** @param overrides keeps the jobs' config overrides up to date with each outcome; null for none */
    public OutcomeService(OutcomeStore outcomes, DecisionStore decisions, ConfigOverrideService overrides) {
        this(outcomes, decisions, overrides, null);
    }

    /** @param guard learns the outcome of each remediated retry (its circuit breaker); null for none */
    public OutcomeService(OutcomeStore outcomes, DecisionStore decisions, ConfigOverrideService overrides,
            AutomaticActionGuard guard) {
        this.outcomes = outcomes;
        this.decisions = decisions;
        this.overrides = overrides;
        this.guard = guard;
    }

    @Override
    public void handle(JobOutcome outcome) {
        try {
            record(outcome);
        } catch (RuntimeException e) {
            if (FailureDecisionService.isStoreUnavailable(e)) {
                throw new TransientProcessingException("store unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private void record(JobOutcome outcome) {
        boolean recorded = outcomes.record(outcome);
        Optional<Decision> cause = outcome.attempt() > 1
                ? decisions.findByRunAttempt(outcome.runId(), outcome.attempt() - 1)
                : Optional.empty();
        // only a retry that was really sent has an outcome to judge; dry runs, pending approvals and refusals do not
        cause = cause.filter(d -> d.action().type().isRetry())
                .filter(d -> d.status() == DecisionStatus.APPLIED || d.status() == DecisionStatus.SUCCEEDED
                        || d.status() == DecisionStatus.FAILED);
        if (cause.isPresent()) {
            DecisionStatus status = outcome.succeeded() ? DecisionStatus.SUCCEEDED : DecisionStatus.FAILED;
            Decision d = cause.get();
            if (d.status() != status) {
                decisions.updateStatus(d.decisionId(), status);
            }
            if (guard != null && d.status() == DecisionStatus.APPLIED) {
                guard.recordRetryOutcome(outcome.succeeded()); // once per retry: its first judged outcome
            }
            log.info("Outcome of job {} run {} attempt {}: {}; the retry of decision {} ({} by {}) {}", outcome.jobId(),
                    outcome.runId(), outcome.attempt(), outcome.succeeded() ? "succeeded" : "failed", d.decisionId(),
                    d.classification().category(), d.classification().ruleId() == null ? d.classification().source()
                            : d.classification().ruleId(), status);
        } else {
            log.info("Outcome of job {} run {} attempt {}: {}{}", outcome.jobId(), outcome.runId(), outcome.attempt(),
                    outcome.succeeded() ? "succeeded" : "failed", recorded ? "" : " (already recorded)");
        }
        if (overrides != null) {
            overrides.onOutcome(outcome); // after the decision's status: a successful remediated retry makes an override
        }
    }
}
