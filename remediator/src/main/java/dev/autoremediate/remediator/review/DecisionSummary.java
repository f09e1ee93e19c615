package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.time.Instant;

/** A row of the decision list: enough to scan, with the id to open the detail. */
public record DecisionSummary(String decisionId, Instant decidedAt, String jobId, String runId, int attempt,
        String owner, FailureCategory category, ClassificationSource source, String ruleId, double confidence,
        ActionType action, int configChanges, DecisionStatus status, String reason) {

    public static DecisionSummary of(Decision d, String owner) {
        var c = d.classification();
        return new DecisionSummary(d.decisionId(), d.decidedAt(), d.jobId(), d.runId(), d.attempt(), owner,
                c.category(), c.source(), c.ruleId(), c.confidence(), d.action().type(),
                d.action().configChanges().size(), d.status(), d.action().reason());
    }
}
