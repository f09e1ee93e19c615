package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.kafka.FailureEventHandler;
import dev.autoremediate.ingest.kafka.TransientProcessingException;
import dev.autoremediate.remediator.approval.EffectiveMode;
import dev.autoremediate.remediator.approval.ModeResolver;
import dev.autoremediate.remediator.approval.RemediationMode;
import dev.autoremediate.remediator.enrichment.EventEnricher;
import dev.autoremediate.remediator.pipeline.ClassifiedFailure;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.InsertResult;
import dev.autoremediate.remediator.store.OutboxMessage;
import dev.autoremediate.remediator.store.StoredDecision;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The service's handling of one failure event: skip it if its event or run attempt was already decided, classify
 * it, apply the policy, store the decision together with its outbox messages (the decision, and a retry command when
 * the action is a retry) in one transaction, then publish the outbox. Idempotent, as
 * {@link FailureEventHandler} requires: the decision id and command id derive from the event id, and the store
 * refuses a second decision for the same event or run attempt.
 */
public final class FailureDecisionService implements FailureEventHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureDecisionService.class);

    private final FailureClassifier classifier;
    private final RemediationPolicy policy;
    private final DecisionStore store;
    private final OutboxPublisher publisher;
    private final ContractCodec codec;
    private final Topics topics;
    private final ModeResolver modes;
    private final List<DecisionObserver> observers;
    private final JobHistory history;
    private final EventEnricher enricher;

    /** The topics decisions and retry commands go to. */
    public record Topics(String decisions, String retryCommands) {
    }

    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics) {
        this(classifier, policy, store, publisher, codec, topics, JobHistory.NONE);
    }

    /** @param history the job's past runs (e.g. {@link StoreJobHistory}), which the policy's config changes respect */
    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history) {
        this(classifier, policy, store, publisher, codec, topics, history, EventEnricher.NONE);
    }

    /**
     * @param enricher adds what a new event lacks before it is classified (e.g. {@code SparkHistoryEnricher}); what it
     *                 did is noted in the decision's {@code classification.explanation}
     */
    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history, EventEnricher enricher) {
        this(classifier, policy, store, publisher, codec, topics, history, enricher, ModeResolver.ALWAYS_AUTOMATIC,
                List.of());
    }

    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history, ModeResolver modes,
            List<DecisionObserver> observers) {
        this(classifier, policy, store, publisher, codec, topics, history, EventEnricher.NONE, modes, observers);
    }

    /**
     * @param history   the job's past runs
     * @param enricher  adds what a new event lacks before it is classified
     * @param modes     the mode of each job, team and category: a retry is held for approval, or only recorded
     * @param observers told of every stored decision (metrics); they must not throw
     */
    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history, EventEnricher enricher,
            ModeResolver modes, List<DecisionObserver> observers) {
        this.enricher = enricher;
        this.history = history;
        this.modes = modes;
        this.observers = List.copyOf(observers);
        this.classifier = classifier;
        this.policy = policy;
        this.store = store;
        this.publisher = publisher;
        this.codec = codec;
        this.topics = topics;
    }

    @Override
    public void handle(FailureEvent event) {
        try {
            decide(event);
        } catch (RuntimeException e) {
            if (isStoreUnavailable(e)) {
                throw new TransientProcessingException("decision store unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** A fault that passes when the database is back: the record is retried, never dead-lettered. */
    static boolean isStoreUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private void decide(FailureEvent event) {
        var known = store.findByEventId(event.eventId());
        if (known.isPresent()) {
            log.info("Duplicate event {}: already decided as {} (decision {}); nothing done", event.eventId(),
                    known.get().action().type(), known.get().decisionId());
            publisher.publishPending();
            return;
        }
        // another report of a run attempt already decided is refused by the store below: ask no history server for it
        boolean attemptDecided = enricher != EventEnricher.NONE && store.findByRun(event.job().runId()).stream()
                .anyMatch(d -> d.attempt() == event.job().attempt());
        EventEnricher.Enriched enriched = attemptDecided ? EventEnricher.Enriched.unchanged(event) : enricher.enrich(event);
        decide(enriched.event(), enriched.note());
    }

    /** Decides an event that was not decided before; {@code enrichmentNote} (nullable) goes into the explanation. */
    private void decide(FailureEvent event, String enrichmentNote) {
        ClassifiedFailure classified = withNote(classifier.classify(event), enrichmentNote);
        List<Decision> priors = store.findByRun(event.job().runId()).stream()
                .filter(d -> d.attempt() < event.job().attempt())
                .toList();
        Decision proposed = policy.decide(event, classified, priors, true, history);
        DecisionStatus status = status(event, proposed);
        Decision decision = proposed.withStatus(status);

        var outbox = new ArrayList<OutboxMessage>();
        outbox.add(OutboxMessage.pending(topics.decisions(), decision.jobId(), codec.write(decision)));
        if (status == DecisionStatus.APPLIED && decision.action().type().isRetry()) {
            outbox.add(OutboxMessage.pending(topics.retryCommands(), decision.jobId(), codec.write(RetryCommands.of(decision))));
        }
        InsertResult result = store.insert(new StoredDecision(decision, codec.write(event), event.job().owner()), outbox);
        if (!result.isStored()) {
            log.info("Duplicate {} for event {}: run {} attempt {} was already decided (decision {}); nothing done",
                    result.outcome(), event.eventId(), event.job().runId(), event.job().attempt(),
                    result.existing().map(Decision::decisionId).orElse("?"));
            return;
        }
        var c = decision.classification();
        log.info("Decided {} {} for job {} run {} attempt {}: {} by {} {} (confidence {}), {}; {}", decision.decisionId(),
                decision.status(), decision.jobId(), decision.runId(), decision.attempt(), c.category(), c.source(),
                c.ruleId() == null ? "" : c.ruleId(), c.confidence(), decision.action().type(), decision.action().reason());
        for (DecisionObserver observer : observers) {
            try {
                observer.decided(decision, event);
            } catch (RuntimeException e) {
                log.warn("Decision observer {} failed: {}", observer, e.toString());
            }
        }
        publisher.publishPending();
    }

    /** Records in the explanation what enrichment added (e.g. run metrics from the Spark History Server). */
    private static ClassifiedFailure withNote(ClassifiedFailure classified, String note) {
        if (note == null) {
            return classified;
        }
        Classification c = classified.classification();
        return new ClassifiedFailure(c.withExplanation(c.explanation() + " [" + note + "]"), classified.rule());
    }

    /**
     * A retry goes out at once (APPLIED) unless the policy is in dry run or the mode of the job, its team or its
     * category (most specific wins) holds it: DRY_RUN records it only, APPROVAL_REQUIRED waits for a human. Decisions
     * that send nothing (no retry, escalate) are APPLIED whatever the mode.
     */
    private DecisionStatus status(FailureEvent event, Decision proposed) {
        if (!proposed.action().type().isRetry()) {
            return DecisionStatus.APPLIED;
        }
        if (policy.settings().dryRun()) {
            return DecisionStatus.DRY_RUN;
        }
        EffectiveMode mode = modes.modeFor(event.job().jobId(), event.job().owner(),
                proposed.classification().category());
        if (mode.mode() != RemediationMode.AUTOMATIC) {
            log.info("Mode of {} holds the retry of event {}: {}", event.job().jobId(), event.eventId(), mode.reason());
        }
        return switch (mode.mode()) {
            case AUTOMATIC -> DecisionStatus.APPLIED;
            case APPROVAL_REQUIRED -> DecisionStatus.PENDING_APPROVAL;
            case DRY_RUN -> DecisionStatus.DRY_RUN;
        };
    }
}
