package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of every decision, with a transactional outbox for the messages each decision publishes.
 * Implementations throw Spring's {@code DataAccessException}s; the transient ones mean "try again later".
 */
public interface DecisionStore {

    /**
     * Stores a decision and its outbox messages in one transaction, unless its event or its run attempt was already
     * decided (then nothing is written).
     */
    InsertResult insert(StoredDecision decision, List<OutboxMessage> outbox);

    /**
     * Stores several decisions with their outbox messages in ONE transaction (one commit for a consumer's whole
     * batch). All or nothing: if any event or run attempt was already decided, nothing is written and
     * {@code org.springframework.dao.DuplicateKeyException} is thrown, so the caller can fall back to
     * {@link #insert} one by one. The default inserts one by one.
     */
    default void insertAll(List<Insert> inserts) {
        for (Insert i : inserts) {
            InsertResult result = insert(i.decision(), i.outbox());
            if (!result.isStored()) {
                throw new org.springframework.dao.DuplicateKeyException("already decided: " + i.decision().decision()
                        .eventId());
            }
        }
    }

    /** One decision and its outbox messages, for {@link #insertAll}. */
    record Insert(StoredDecision decision, List<OutboxMessage> outbox) {
    }

    Optional<Decision> findByEventId(String eventId);

    /** Which of these events were decided already (one query where the store can). */
    default java.util.Set<String> decidedEventIds(java.util.Collection<String> eventIds) {
        var decided = new java.util.HashSet<String>();
        eventIds.forEach(id -> findByEventId(id).ifPresent(d -> decided.add(id)));
        return decided;
    }

    Optional<Decision> findByRunAttempt(String runId, int attempt);

    /** Decisions of earlier attempts of a run, oldest first. */
    List<Decision> findByRun(String runId);

    /**
     * {@link #findByRun} for several runs at once (one query where the store can): each run id that has decisions
     * maps to them, oldest first; a run without any is absent.
     */
    default java.util.Map<String, List<Decision>> findByRuns(java.util.Collection<String> runIds) {
        var byRun = new java.util.HashMap<String, List<Decision>>();
        for (String runId : new java.util.LinkedHashSet<>(runIds)) {
            List<Decision> ofRun = findByRun(runId);
            if (!ofRun.isEmpty()) {
                byRun.put(runId, ofRun);
            }
        }
        return byRun;
    }

    Optional<String> eventJson(String decisionId);

    /** Most recent first. */
    List<Decision> recent(int limit);

    long count();

    /**
     * Sets a stored decision's status (in its row and its JSON), e.g. SUCCEEDED or FAILED when the outcome of the
     * retry it caused arrives. False when there is no such decision.
     */
    boolean updateStatus(String decisionId, DecisionStatus status);

    /** Unpublished outbox messages, oldest first. */
    List<OutboxMessage> unpublished(int limit);

    void markPublished(long outboxId, Instant at);

    /**
     * Unpublished outbox messages with an id above {@code afterId}, oldest first, leaving out those recorded as
     * failed and those whose next delivery attempt is not due yet.
     */
    List<OutboxMessage> unpublishedAfter(long afterId, int limit);

    /** A message delivered through a scheduler adapter: published, with the adapter's name. */
    void markDelivered(long outboxId, Instant at, String via);

    /** A failed delivery attempt: counted, with its reason, and not tried again before {@code nextAttemptAt}. */
    void recordDeliveryAttempt(long outboxId, int attempts, Instant nextAttemptAt, String error);

    /** A delivery that will not be tried again: status FAILED with its reason; the message stays in the outbox. */
    void markDeliveryFailed(long outboxId, int attempts, Instant at, String reason);

    /** The delivery state of a decision's outbox messages, oldest first. */
    List<OutboxDelivery> deliveries(String decisionId);

    /** Messages whose delivery was given up, most recent first. */
    List<OutboxDelivery> failedDeliveries(int limit);
    /** Marks several outbox messages published (one batched update where the store can). */
    default void markPublished(List<Long> outboxIds, Instant at) {
        outboxIds.forEach(id -> markPublished(id, at));
    }

    /** An outbox message delivered through a scheduler adapter, {@code via} its name. */
    record Delivered(long outboxId, String via) {
    }

    /**
     * Marks what a publish batch sent: {@code published} through Kafka, {@code delivered} through a scheduler adapter
     * (one transaction where the store can: a commit per message cost more than sending it).
     */
    default void markSent(List<Long> published, List<Delivered> delivered, Instant at) {
        markPublished(published, at);
        delivered.forEach(d -> markDelivered(d.outboxId(), at, d.via()));
    }
}
