package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.Objects;

/**
 * One rule that matched a failure event.
 *
 * @param ruleId      the rule's stable id, e.g. {@code MEM-001}
 * @param ruleName    the full DRL rule name, id included, e.g. {@code MEM-001 executor heap space}
 * @param category    the failure category the rule recognises
 * @param retryable   whether another attempt can be expected to succeed without a human
 * @param confidence  0..1
 * @param action      the rule's action template
 * @param description one line a person can read
 */
public record RuleMatch(
        String ruleId,
        String ruleName,
        FailureCategory category,
        boolean retryable,
        double confidence,
        ActionTemplate action,
        String description) {

    public RuleMatch {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(description, "description");
        checkConfidence(confidence);
    }

    static void checkConfidence(double confidence) {
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
        }
    }
}
