package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled pack passes its own test cases, the {@code *.cases.jsonl} files next to the DRL files: the same check
 * as {@code autoremediate rules test}. Each case is a typical wording of a failure (not a copy of a corpus sample)
 * and names the rule that must decide it; negative cases must stay UNKNOWN or land in another category.
 */
class RuleCasesTest {

    private final RulePack pack = BundledPack.get();

    @Test
    void every_case_of_the_bundled_pack_passes_and_every_rule_has_enough_cases() {
        RuleTestReport report = RuleTests.run(pack);

        System.out.println(report.summary());
        report.failures().forEach(f -> System.out.printf(Locale.ROOT, "FAIL %s %s%n", f.testCase().where(), f.problem()));
        assertThat(report.failures()).extracting(f -> f.testCase().where() + ": " + f.problem()).isEmpty();
        assertThat(report.rules().values()).filteredOn(v -> !v.ok())
                .extracting(v -> v.ruleId() + ": " + v.problems()).isEmpty();
        assertThat(report.rules().keySet()).containsExactlyInAnyOrderElementsOf(
                pack.rules().stream().map(RuleInfo::ruleId).toList());
        assertThat(report.passed()).isTrue();
    }

    @Test
    void every_rule_has_three_positive_cases_and_the_pack_has_negative_cases_of_both_kinds() {
        List<RuleCase> cases = pack.testCases();
        var perRule = cases.stream().filter(RuleCase::positive)
                .collect(Collectors.groupingBy(RuleCase::expectedRule, Collectors.counting()));

        assertThat(pack.rules()).allSatisfy(rule -> assertThat(perRule.getOrDefault(rule.ruleId(), 0L))
                .as(rule.ruleId()).isGreaterThanOrEqualTo(RuleTests.MIN_POSITIVE_CASES));
        assertThat(cases).filteredOn(c -> !c.positive() && c.category() == FailureCategory.UNKNOWN).hasSizeGreaterThanOrEqualTo(5);
        assertThat(cases).filteredOn(c -> !c.positive() && c.category() != FailureCategory.UNKNOWN).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void positive_cases_of_one_rule_are_worded_differently() {
        var byRule = pack.testCases().stream().filter(RuleCase::positive)
                .collect(Collectors.groupingBy(RuleCase::expectedRule, Collectors.mapping(RuleCase::message, Collectors.toSet())));
        byRule.forEach((rule, messages) -> assertThat(messages).as(rule)
                .hasSizeGreaterThanOrEqualTo(Math.min(RuleTests.MIN_POSITIVE_CASES, messages.size())));
        // distinct messages per rule: duplicates collapse in the set, so compare with the case count
        var counts = pack.testCases().stream().filter(RuleCase::positive)
                .collect(Collectors.groupingBy(RuleCase::expectedRule, Collectors.counting()));
        byRule.forEach((rule, messages) -> assertThat((long) messages.size()).as(rule).isEqualTo(counts.get(rule)));
    }
}
