package dev.autoremediate.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What running a pack's test cases found: each case's result and a verdict per rule.
 *
 * @param packVersion the pack that was tested
 * @param results     every case, in file and line order
 * @param rules       per rule id (sorted), its verdict
 * @param negatives   the negative cases' results (no expected rule)
 */
public record RuleTestReport(String packVersion, List<RuleCaseResult> results, Map<String, RuleVerdict> rules,
        List<RuleCaseResult> negatives) {

    public RuleTestReport {
        Objects.requireNonNull(packVersion, "packVersion");
        results = List.copyOf(results);
        rules = Map.copyOf(rules);
        negatives = List.copyOf(negatives);
    }

    /**
     * The verdict of one rule.
     *
     * @param ruleId   the rule
     * @param positive its positive cases
     * @param passed   how many of them passed
     * @param problems why it fails: failed cases ({@code file:line: ...}) and too few cases; empty when it passes
     */
    public record RuleVerdict(String ruleId, int positive, int passed, List<String> problems) {

        public RuleVerdict {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** True when every rule passes and every negative case passes. */
    public boolean passed() {
        return rules.values().stream().allMatch(RuleVerdict::ok) && negatives.stream().allMatch(RuleCaseResult::passed)
                && results.stream().allMatch(RuleCaseResult::passed);
    }

    /** The failed cases. */
    public List<RuleCaseResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** A one-line summary, e.g. for logs and health details. */
    public String summary() {
        long failedRules = rules.values().stream().filter(v -> !v.ok()).count();
        long failedNegatives = negatives.stream().filter(r -> !r.passed()).count();
        return String.format(java.util.Locale.ROOT, "pack %s: %d cases (%d negative), %d of %d rules pass, %d failed cases",
                packVersion, results.size(), negatives.size(), rules.size() - failedRules, rules.size(),
                failures().size()) + (failedNegatives > 0 ? ", " + failedNegatives + " failed negative cases" : "");
    }
}
