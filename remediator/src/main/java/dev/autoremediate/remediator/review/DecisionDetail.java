package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.approval.EffectiveMode;
import dev.autoremediate.remediator.audit.AuditEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything that answers "why did it do that, and what happened next?" for one decision.
 *
 * @param event              the failure event it was decided on (as stored; null if it no longer parses)
 * @param matchedRules       every rule that matched, the deciding one first
 * @param currentPackVersion the pack that classifies now (differs from the decision's after a reload)
 * @param model              the model's scores; null when no model took part
 * @param configDiff         what the retry changes, key by key
 * @param timeline           the run's story: failures, decisions, approvals, commands sent, outcomes; oldest first
 * @param modeNow            the mode that would apply to this job now
 * @param links              related resources, e.g. {@code configOverrides}
 */
public record DecisionDetail(Decision decision, String owner, FailureEvent event, List<MatchedRule> matchedRules,
        String currentPackVersion, ModelScores model, List<ConfigDiffRow> configDiff, List<TimelineEntry> timeline,
        List<AuditEntry> audit, EffectiveMode modeNow, Map<String, String> links) {

    /** A rule that matched. {@code inCurrentPack} false: the rule was removed or renamed since. */
    public record MatchedRule(String ruleId, boolean deciding, boolean inCurrentPack, String ruleName,
            FailureCategory category, Double confidence, Boolean retryable, String description, String file) {
    }

    /** What a model said; any field may be null. */
    public record ModelScores(ClassificationSource source, String modelVersion, Double confidence,
            Double predictedSuccess, Double predictedCostChange) {
    }

    /** One configuration key: its value in the failed run and in the retry. */
    public record ConfigDiffRow(String key, String before, String after) {
    }

    /**
     * @param kind  FAILED, DECIDED, APPROVE, REJECT, COMMAND_SENT, COMMAND_WAITING, OUTCOME_SUCCEEDED, OUTCOME_FAILED
     * @param actor who, for human actions; null otherwise
     */
    public record TimelineEntry(Instant at, int attempt, String kind, String text, String actor) {
    }
}
