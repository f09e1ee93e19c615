package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a pack's test cases ({@link RulePack#testCases()}). A rule passes when it has at least
 * {@value #MIN_POSITIVE_CASES} positive cases and every case that expects it is decided by it; the pack passes when
 * every rule and every negative case passes. A case that names a rule the pack does not have fails.
 */
public final class RuleTests {

    /** Positive cases every rule needs, in different wordings. */
    public static final int MIN_POSITIVE_CASES = 3;

    private RuleTests() {
    }

    public static RuleTestReport run(RulePack pack) {
        return run(pack, pack.testCases());
    }

    public static RuleTestReport run(RulePack pack, List<RuleCase> cases) {
        var results = new ArrayList<RuleCaseResult>();
        var negatives = new ArrayList<RuleCaseResult>();
        var positives = new TreeMap<String, List<RuleCaseResult>>();
        pack.rules().forEach(r -> positives.put(r.ruleId(), new ArrayList<>()));
        var ruleIds = positives.keySet();
        for (RuleCase c : cases) {
            RuleCaseResult result = check(pack, c, ruleIds);
            results.add(result);
            if (c.positive()) {
                positives.computeIfAbsent(c.expectedRule(), id -> new ArrayList<>()).add(result);
            } else {
                negatives.add(result);
            }
        }
        var verdicts = new TreeMap<String, RuleTestReport.RuleVerdict>();
        positives.forEach((id, rs) -> {
            var problems = new ArrayList<String>();
            if (!ruleIds.contains(id)) {
                problems.add("no rule " + id + " in the pack");
            } else if (rs.size() < MIN_POSITIVE_CASES) {
                problems.add(rs.size() + " positive case(s), at least " + MIN_POSITIVE_CASES + " needed");
            }
            rs.stream().filter(r -> !r.passed()).forEach(r -> problems.add(r.testCase().where() + ": " + r.problem()));
            int passed = (int) rs.stream().filter(RuleCaseResult::passed).count();
            verdicts.put(id, new RuleTestReport.RuleVerdict(id, rs.size(), passed, problems));
        });
        return new RuleTestReport(pack.version(), results, verdicts, negatives);
    }

    private static RuleCaseResult check(RulePack pack, RuleCase c, java.util.Set<String> ruleIds) {
        RuleOutcome outcome = pack.classify(c.event());
        List<String> matched = outcome.matches().stream().map(RuleMatch::ruleId).toList();
        Optional<RuleMatch> best = outcome.best();
        String decided = best.map(RuleMatch::ruleId).orElse(null);
        FailureCategory category = best.map(RuleMatch::category).orElse(FailureCategory.UNKNOWN);
        String problem = null;
        if (c.positive()) {
            if (!ruleIds.contains(c.expectedRule())) {
                problem = "expects rule " + c.expectedRule() + ", which the pack does not have";
            } else if (!c.expectedRule().equals(decided)) {
                problem = "expected " + c.expectedRule() + ", decided by " + (decided == null ? "no rule" : decided)
                        + " " + matched;
            } else if (category != c.category()) {
                problem = "expected category " + c.category() + ", rule " + decided + " says " + category;
            }
        } else {
            if (c.notRule() != null && c.notRule().equals(decided)) {
                problem = "must not be decided by " + c.notRule() + " " + matched;
            } else if (category != c.category()) {
                problem = "expected " + c.category() + ", got " + category
                        + (decided == null ? "" : " by " + decided + " " + matched);
            }
        }
        return new RuleCaseResult(c, problem == null, decided, matched, problem);
    }
}
