package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.Objects;

/**
 * The metadata of one rule of a pack, read from the DRL annotations when the pack loads.
 *
 * @param ruleId      the stable id the rule name starts with, e.g. {@code MEM-001}
 * @param ruleName    the full DRL rule name, e.g. {@code MEM-001 executor heap space}
 * @param category    the failure category the rule recognises (never UNKNOWN)
 * @param retryable   whether another attempt can be expected to succeed without a human
 * @param confidence  how sure the rule is, 0..1; the first key of precedence
 * @param action      what to do about it
 * @param description one line a person can read
 * @param file        the DRL file, relative to the pack root, with {@code /} separators
 */
public record RuleInfo(
        String ruleId,
        String ruleName,
        FailureCategory category,
        boolean retryable,
        double confidence,
        ActionTemplate action,
        String description,
        String file) {

    public RuleInfo {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(ruleName, "ruleName");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(file, "file");
        RuleMatch.checkConfidence(confidence);
    }

    /** The match this rule produces when it fires. */
    public RuleMatch toMatch() {
        return new RuleMatch(ruleId, ruleName, category, retryable, confidence, action, description);
    }
}
