package dev.autoremediate.remediator.rulepack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the service serves and what the last reload found.
 *
 * @param servingVersion   version of the pack that classifies now
 * @param servingRules     its number of rules
 * @param dir              the watched directory; null for the bundled pack (not watched)
 * @param loadedAt         when the serving pack was swapped in (or loaded at start)
 * @param lastCheckAt      when the directory was last compiled and tested; null before the first change
 * @param lastError        why the last candidate was rejected: {@code file:line: message} per problem, or failed
 *                         test cases; empty when the last candidate was accepted (or there was none)
 * @param lastErrorAt      when that was; null without an error
 * @param rejectedVersion  the version of the rejected candidate when it compiled (test cases failed); null otherwise
 */
public record RulePackStatus(String servingVersion, int servingRules, Path dir, Instant loadedAt, Instant lastCheckAt,
        List<String> lastError, Instant lastErrorAt, String rejectedVersion) {

    public RulePackStatus {
        lastError = lastError == null ? List.of() : List.copyOf(lastError);
    }

    public boolean hasError() {
        return !lastError.isEmpty();
    }
}
