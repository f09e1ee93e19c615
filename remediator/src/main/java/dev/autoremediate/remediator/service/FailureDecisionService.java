package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.kafka.FailureEventHandler;
import dev.autoremediate.ingest.kafka.TransientProcessingException;
import dev.autoremediate.remediator.approval.EffectiveMode;
import dev.autoremediate.remediator.approval.ModeResolver;
import dev.autoremediate.remediator.approval.RemediationMode;
import dev.autoremediate.remediator.enrichment.EventEnricher;
import dev.autoremediate.remediator.pipeline.ClassifiedFailure;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
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
public final class FailureDecisionService implements FailureEventHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailureDecisionService.class);

    /** Decisions per transaction unless configured: smaller transactions cost H2 less per decision (performance.md). */
    public static final int DEFAULT_DECISIONS_PER_TRANSACTION = 100;

    private final int decisionsPerTransaction;

    /**
     * Stores a batch's transactions, in order, one at a time, while the consumer's thread decides the next events:
     * deciding and storing overlap instead of taking turns. Its thread is started by the first batch.
     */
    private final java.util.concurrent.ExecutorService storing = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                var t = new Thread(r, "decision-store");
                t.setDaemon(true);
                return t;
            });

    private final FailureClassifier classifier;
    private final RemediationPolicy policy;
    private final DecisionStore store;
    private final OutboxPublisher publisher;
    private final ContractCodec codec;
    private final Topics topics;
    private final JobHistory history;
    private final EventEnricher enricher;
    private final ModeResolver modes;
    private final List<DecisionObserver> observers;
    private final AutomaticActionGuard guard;

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
                List.of(), null);
    }

    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history, ModeResolver modes,
            List<DecisionObserver> observers) {
        this(classifier, policy, store, publisher, codec, topics, history, EventEnricher.NONE, modes, observers, null);
    }

    /**
     * @param guard the global rate limit and circuit breaker of automatic retries; a retry it holds is stored as
     *              PENDING_APPROVAL with no retry command. Null for none.
     */
    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history,
            AutomaticActionGuard guard) {
        this(classifier, policy, store, publisher, codec, topics, history, EventEnricher.NONE,
                ModeResolver.ALWAYS_AUTOMATIC, List.of(), guard);
    }

    /**
     * @param history   the job's past runs
     * @param enricher  adds what a new event lacks before it is classified
     * @param modes     the mode of each job, team and category: a retry is held for approval, or only recorded
     * @param observers told of every stored decision (metrics); they must not throw
     * @param guard     the global rate limit and circuit breaker of automatic retries; null for none
     */
    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history, EventEnricher enricher,
            ModeResolver modes, List<DecisionObserver> observers, AutomaticActionGuard guard) {
        this(classifier, policy, store, publisher, codec, topics, history, enricher, modes, observers, guard,
                DEFAULT_DECISIONS_PER_TRANSACTION);
    }

    /**
     * @param decisionsPerTransaction a consumer's batch is stored in transactions of at most this many decisions,
     *                                each one stored on the service's storing thread while the next ones are decided
     */
    public FailureDecisionService(FailureClassifier classifier, RemediationPolicy policy, DecisionStore store,
            OutboxPublisher publisher, ContractCodec codec, Topics topics, JobHistory history, EventEnricher enricher,
            ModeResolver modes, List<DecisionObserver> observers, AutomaticActionGuard guard,
            int decisionsPerTransaction) {
        if (decisionsPerTransaction < 1) {
            throw new IllegalArgumentException("decisions per transaction must be at least 1, not "
                    + decisionsPerTransaction);
        }
        this.decisionsPerTransaction = decisionsPerTransaction;
        this.enricher = enricher;
        this.modes = modes;
        this.observers = List.copyOf(observers);
        this.guard = guard;
        this.history = history;
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

    /**
     * A consumer's whole batch: each event decided in order (an earlier attempt of a run in the same batch counts as
     * a prior), the decisions stored with their outbox in transactions of {@code decisionsPerTransaction} (each
     * stored while the next events are decided), then published. Returns only when every transaction of the batch is
     * committed. If an event or run attempt turns out to be decided already, that transaction's decisions are stored
     * one per transaction, where the duplicate is recognised and skipped.
     */
    @Override
    public void handleAll(List<FailureEvent> events) {
        try {
            decideAll(events);
        } catch (RuntimeException e) {
            if (isStoreUnavailable(e)) {
                throw new TransientProcessingException("decision store unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private record Prepared(FailureEvent event, Decision decision, DecisionStore.Insert insert) {
    }

    /**
     * Decides the batch's events in order on this thread and hands them to the storing thread in transactions of
     * {@code decisionsPerTransaction}, so that a transaction is stored while the next events are decided. Returns once
     * every transaction of the batch is committed (the offsets are committed after that); throws if one failed. The
     * transactions before a failed one stay stored: when the batch comes again their events are recognised as decided
     * and skipped, as after a crash.
     */
    private void decideAll(List<FailureEvent> events) {
        if (events.size() == 1) {
            decide(events.get(0));
            return;
        }
        var seen = new java.util.HashSet<String>();
        var decidedInBatch = new java.util.HashMap<String, List<Decision>>();
        var decided = store.decidedEventIds(events.stream().map(FailureEvent::eventId).toList());
        // the decisions already stored for the batch's runs: one query for the batch, not one per event
        var storedOfRuns = store.findByRuns(events.stream().map(e -> e.job().runId()).toList());
        var next = new ArrayList<Prepared>(); // decided, not handed to the storing thread yet
        java.util.concurrent.Future<?> inFlight = null;
        try {
            for (FailureEvent event : events) {
                if (!seen.add(event.eventId())) {
                    continue; // the same event twice in one batch: the first one decides
                }
                if (decided.contains(event.eventId())) {
                    log.info("Duplicate event {}: already decided; nothing done", event.eventId());
                    continue;
                }
                var earlier = decidedInBatch.getOrDefault(event.job().runId(), List.of());
                Prepared p = prepare(event, storedOfRuns.getOrDefault(event.job().runId(), List.of()), earlier);
                decidedInBatch.computeIfAbsent(event.job().runId(), k -> new ArrayList<>()).add(p.decision());
                next.add(p);
                if (next.size() == decisionsPerTransaction) {
                    inFlight = storeAfter(inFlight, next);
                    next = new ArrayList<>();
                }
            }
            if (!next.isEmpty()) {
                inFlight = storeAfter(inFlight, next);
                next = new ArrayList<>();
            }
            awaitStored(inFlight);
        } catch (RuntimeException e) {
            notStored(next); // the batch comes again and is decided again
            RuntimeException inFlightFailure = failureOf(inFlight); // (its own decisions' permits are given back)
            if (inFlightFailure != null && inFlightFailure != e) {
                e.addSuppressed(inFlightFailure);
            }
            throw e;
        }
    }

    /** Waits until the previous transaction is committed (throwing its failure), then hands over the next one. */
    private java.util.concurrent.Future<?> storeAfter(java.util.concurrent.Future<?> previous, List<Prepared> next) {
        awaitStored(previous);
        return storing.submit(() -> storeTogether(next));
    }

    /** Waits for a transaction handed to the storing thread; its failure is thrown as it was thrown there. */
    private static void awaitStored(java.util.concurrent.Future<?> inFlight) {
        RuntimeException failure = failureOf(inFlight);
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for a transaction handed to the storing thread (if any) and returns its failure, or null. */
    private static RuntimeException failureOf(java.util.concurrent.Future<?> inFlight) {
        if (inFlight == null) {
            return null;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    inFlight.get(); // the transaction runs to its end: a half-watched commit would be unknown
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    return e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("storing decisions failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stores decisions and their outbox in one transaction; if an event or run attempt among them turns out to be
     * decided already, one transaction per decision, where the duplicate is recognised and skipped.
     */
    private void storeTogether(List<Prepared> prepared) {
        try {
            store.insertAll(prepared.stream().map(Prepared::insert).toList());
        } catch (org.springframework.dao.DuplicateKeyException someAlreadyDecided) {
            log.info("A batch of {} decisions met an already decided event or run attempt; storing them one by one",
                    prepared.size());
            for (int i = 0; i < prepared.size(); i++) {
                try {
                    persist(prepared.get(i));
                } catch (RuntimeException e) {
                    notStored(prepared.subList(i, prepared.size()));
                    throw e;
                }
            }
            publisher.requestPublish();
            return;
        } catch (RuntimeException e) {
            notStored(prepared); // the batch comes again and is decided again
            throw e;
        }
        prepared.forEach(this::stored);
        publisher.requestPublish();
    }

    /** Stops the storing thread; a batch being stored is finished first (up to 30 s). */
    @Override
    public void close() {
        storing.shutdown();
        try {
            if (!storing.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                log.warn("The decisions' storing thread did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Enriches, classifies and decides one event; {@code ofRun}: the stored decisions of its run, oldest first;
     * {@code earlierInBatch}: decisions of its run not stored yet.
     */
    private Prepared prepare(FailureEvent received, List<Decision> ofRun, List<Decision> earlierInBatch) {
        // another report of a run attempt already decided is refused by the store: ask no history server for it
        boolean attemptDecided = enricher != EventEnricher.NONE && ofRun.stream()
                .anyMatch(d -> d.attempt() == received.job().attempt());
        EventEnricher.Enriched enriched = attemptDecided ? EventEnricher.Enriched.unchanged(received)
                : enricher.enrich(received);
        FailureEvent event = enriched.event();
        ClassifiedFailure classified = withNote(classifier.classify(event), enriched.note());
        var priors = new ArrayList<Decision>(ofRun);
        priors.addAll(earlierInBatch);
        priors.removeIf(d -> d.attempt() >= event.job().attempt());
        Decision proposed = policy.decide(event, classified, priors, true, history);
        Decision decision = proposed.withStatus(status(event, proposed));
        if (decision.status() == DecisionStatus.APPLIED && decision.action().type().isRetry() && guard != null) {
            // (a decision that is not stored after this gives its trial permit back, see notStored; its rate-limit
            // permit stays used: the limits err on the safe side)
            var held = guard.admit();
            if (held.isPresent()) {
                decision = heldForApproval(decision, held.get());
            }
        }
        String decisionJson = codec.write(decision); // encoded once: the outbox message and the row carry the same JSON
        var outbox = new ArrayList<OutboxMessage>();
        outbox.add(OutboxMessage.pending(topics.decisions(), decision.jobId(), decisionJson));
        if (decision.status() == DecisionStatus.APPLIED && decision.action().type().isRetry()) {
            outbox.add(OutboxMessage.pending(topics.retryCommands(), decision.jobId(),
                    codec.write(RetryCommands.of(decision))));
        }
        return new Prepared(event, decision, new DecisionStore.Insert(
                new StoredDecision(decision, codec.write(event), event.job().owner(), decisionJson), outbox));
    }

    /** Stores one prepared decision in its own transaction; a duplicate is logged and skipped. */
    private boolean persist(Prepared p) {
        InsertResult result = store.insert(p.insert().decision(), p.insert().outbox());
        if (!result.isStored()) {
            notStored(List.of(p));
            FailureEvent event = p.event();
            log.info("Duplicate {} for event {}: run {} attempt {} was already decided (decision {}); nothing done",
                    result.outcome(), event.eventId(), event.job().runId(), event.job().attempt(),
                    result.existing().map(Decision::decisionId).orElse("?"));
            return false;
        }
        stored(p);
        return true;
    }

    /** A decision is durable: log it and tell the observers (metrics). */
    private void stored(Prepared p) {
        logDecided(p.decision());
        for (DecisionObserver observer : observers) {
            try {
                observer.decided(p.decision(), p.event());
            } catch (RuntimeException e) {
                log.warn("Decision observer {} failed: {}", observer, e.toString());
            }
        }
    }

    private static void logDecided(Decision decision) {
        var c = decision.classification();
        try (var eventId = org.slf4j.MDC.putCloseable("eventId", decision.eventId());
                var jobId = org.slf4j.MDC.putCloseable("jobId", decision.jobId())) {
            log.info("Decided {} {} for job {} run {} attempt {}: {} by {} {} (confidence {}), {}; {}",
                    decision.decisionId(), decision.status(), decision.jobId(), decision.runId(), decision.attempt(),
                    c.category(), c.source(), c.ruleId() == null ? "" : c.ruleId(), c.confidence(),
                    decision.action().type(), decision.action().reason());
        }
    }

    private void decide(FailureEvent event) {
        var known = store.findByEventId(event.eventId());
        if (known.isPresent()) {
            log.info("Duplicate event {}: already decided as {} (decision {}); nothing done", event.eventId(),
                    known.get().action().type(), known.get().decisionId());
            publisher.requestPublish();
            return;
        }
        Prepared p = prepare(event, store.findByRun(event.job().runId()), List.of());
        boolean stored;
        try {
            stored = persist(p);
        } catch (RuntimeException e) {
            notStored(List.of(p)); // the event comes again and is decided again
            throw e;
        }
        if (stored) {
            publisher.requestPublish();
        }
    }

    /**
     * Decisions that were not stored: the retries among them that the guard admitted give their trial permits back
     * (a re-report of a decided run attempt, or a failed transaction, must not use up a half-open trial).
     */
    private void notStored(List<Prepared> prepared) {
        if (guard == null) {
            return;
        }
        for (Prepared p : prepared) {
            if (p.decision().status() == DecisionStatus.APPLIED && p.decision().action().type().isRetry()) {
                guard.release();
            }
        }
    }

    /** The retry as proposed, waiting for a person: PENDING_APPROVAL, the guard's reason added to the action's. */
    private static Decision heldForApproval(Decision d, String why) {
        var a = d.action();
        var action = new dev.autoremediate.ingest.contract.Action(a.type(), a.configChanges(), a.delaySeconds(),
                a.reason() + "; held for approval: " + why, a.predictedSuccess(), a.predictedCostChange(), a.override(),
                a.candidates());
        return new Decision(d.schemaVersion(), d.decisionId(), d.eventId(), d.decidedAt(), d.jobId(), d.runId(),
                d.attempt(), d.classification(), action, DecisionStatus.PENDING_APPROVAL);
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
