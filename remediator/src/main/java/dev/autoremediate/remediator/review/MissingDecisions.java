package dev.autoremediate.remediator.review;

import dev.autoremediate.remediator.service.DecisionRetentionSweeper;
import dev.autoremediate.remediator.store.DecisionRetention;
import java.time.Duration;

/**
 * What the review UI and the API say about a decision id that is not in the store: when the decision retention has
 * deleted decisions, that it was (or may have been) removed by it, rather than a bare "not found". The store keeps no
 * list of the deleted ids (it would grow as the decisions did); an audit entry or a config override that names the
 * decision is evidence that it existed, and then the answer is certain.
 */
public final class MissingDecisions {

    private final DecisionRetention retention;
    private final Duration configured;

    /** @param configured {@code autoremediate.decision.retention}; null when unset */
    public MissingDecisions(DecisionRetention retention, Duration configured) {
        this.retention = retention;
        this.configured = configured;
    }

    /** Why the decision cannot be shown: a removal by the retention, or not found. */
    public Answer explain(String decisionId) {
        var record = retention.record();
        if (record.isEmpty()) {
            return new Answer(false, "decision " + decisionId + " not found");
        }
        var r = record.get();
        String setting = configured == null ? "autoremediate.decision.retention, now unset"
                : "autoremediate.decision.retention " + DecisionRetentionSweeper.shown(configured);
        if (retention.isNamedElsewhere(decisionId)) {
            return new Answer(true, "decision " + decisionId + " was removed by the decision retention (" + setting
                    + "): settled decisions decided before " + r.deletedBefore() + " are deleted; its audit entries "
                    + "are kept");
        }
        return new Answer(true, "decision " + decisionId + " not found: it was removed by the decision retention ("
                + setting + "), which has deleted " + r.deletedTotal() + " settled decisions decided before "
                + r.deletedBefore() + ", or it never existed");
    }

    /**
     * @param retentionDeleted whether the decision retention has deleted decisions, so that this one may be one of them
     * @param message          the text for the 404 page or the API's problem detail
     */
    public record Answer(boolean retentionDeleted, String message) {
    }
}
