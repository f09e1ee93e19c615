package dev.autoremediate.ingest.contract;

import java.util.List;

/**
 * What went wrong, according to whom.
 *
 * @param category        the failure category
 * @param retryable       whether another attempt can be expected to succeed without a human; null for UNKNOWN
 * @param confidence      0..1
 * @param source          RULE, MODEL or NONE
 * @param ruleId          the deciding rule's stable id (RULE only)
 * @param rulePackVersion content hash of the rule pack that was asked (even when no rule matched)
 * @param modelVersion    the deciding model's version (MODEL only)
 * @param explanation     one line a person can read
 * @param matchedRules    extension of v1: ids of every rule that matched, the deciding one first
 * @param model           extension of v1: the model's opinion when it was asked (no rule matched) or when it
 *                        disagrees with the deciding rule on a memory category; null otherwise
 */
public record Classification(
        FailureCategory category,
        Boolean retryable,
        double confidence,
        ClassificationSource source,
        String ruleId,
        String rulePackVersion,
        String modelVersion,
        String explanation,
        List<String> matchedRules,
        ModelOpinion model) {

    public Classification {
        matchedRules = matchedRules == null ? List.of() : List.copyOf(matchedRules);
    }

    /** A classification without a model opinion (the v1 fields and {@code matchedRules}). */
    public Classification(FailureCategory category, Boolean retryable, double confidence, ClassificationSource source,
            String ruleId, String rulePackVersion, String modelVersion, String explanation, List<String> matchedRules) {
        this(category, retryable, confidence, source, ruleId, rulePackVersion, modelVersion, explanation, matchedRules,
                null);
    }

    /** The same classification with another explanation (e.g. with a note prepended or appended). */
    public Classification withExplanation(String newExplanation) {
        return new Classification(category, retryable, confidence, source, ruleId, rulePackVersion, modelVersion,
                newExplanation, matchedRules, model);
    }
}
