package dev.autoremediate.rules;

import java.util.List;
import java.util.Objects;

/**
 * The result of running one {@link RuleCase} against a pack.
 *
 * @param testCase the case
 * @param passed   whether the pack decided it as the case expects
 * @param decided  the rule that decided it (the best match), null when none matched
 * @param matched  every rule that matched, best first
 * @param problem  why it failed; null when it passed
 */
public record RuleCaseResult(RuleCase testCase, boolean passed, String decided, List<String> matched, String problem) {

    public RuleCaseResult {
        Objects.requireNonNull(testCase, "testCase");
        matched = List.copyOf(matched);
    }
}
