package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.time.Instant;

/**
 * What to search decisions by; every field optional (null = any).
 *
 * @param from inclusive lower bound of {@code decidedAt}
 * @param to   exclusive upper bound of {@code decidedAt}
 */
public record DecisionFilter(String jobId, String owner, FailureCategory category, DecisionStatus status,
        String ruleId, Instant from, Instant to) {

    public static final DecisionFilter ANY = new DecisionFilter(null, null, null, null, null, null, null);

    public DecisionFilter {
        jobId = blankToNull(jobId);
        owner = blankToNull(owner);
        ruleId = blankToNull(ruleId);
    }

    public static DecisionFilter status(DecisionStatus status) {
        return new DecisionFilter(null, null, null, status, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
