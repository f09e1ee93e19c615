package dev.autoremediate.remediator.review;

import java.time.Instant;
import java.util.List;

/**
 * Unclassified failures (no rule matched) whose messages share one template: a candidate for a new rule.
 *
 * @param exampleMessage  one real message of the group (first line)
 * @param jobs            up to five job ids it happened to
 * @param exampleDecision a decision id to open
 */
public record UnclassifiedGroup(String template, long count, Instant firstSeen, Instant lastSeen,
        String exampleMessage, String exceptionClass, List<String> jobs, String exampleDecision) {
}
