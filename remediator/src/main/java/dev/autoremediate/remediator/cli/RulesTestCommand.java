package dev.autoremediate.remediator.cli;

import dev.autoremediate.rules.RuleCaseResult;
import dev.autoremediate.rules.RuleInfo;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.rules.RuleTestReport;
import dev.autoremediate.rules.RuleTests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rules test}: runs the pack's {@code *.cases.jsonl} test cases and prints a pass/fail line per rule, then the
 * negative cases that failed. Exit 0 when everything passes, 1 when a case or a rule fails, 2 when the pack does not
 * load.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the rule pack's test cases (*.cases.jsonl next to the DRL files) and print a pass/fail "
                + "line per rule. Exit 0 = all pass, 1 = a case fails, 2 = the pack does not load.")
final class RulesTestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "The pack to test (default: the bundled pack).")
    Path rulesDir;

    @Option(names = "--failures-only", description = "Print only the rules and cases that fail.")
    boolean failuresOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<RulePack> loaded = PackLoader.load(rulesDir, "rules test", err);
        if (loaded.isEmpty()) {
            return 2;
        }
        RulePack pack = loaded.get();
        RuleTestReport report = RuleTests.run(pack);
        Map<String, RuleInfo> infos = pack.rules().stream().collect(Collectors.toMap(RuleInfo::ruleId, Function.identity()));
        out.printf(Locale.ROOT, "%-8s %-5s %-20s %5s  %s%n", "RULE", "", "CATEGORY", "CASES", "NAME / PROBLEMS");
        report.rules().values().stream().sorted(java.util.Comparator.comparing(RuleTestReport.RuleVerdict::ruleId))
                .forEach(v -> {
                    if (failuresOnly && v.ok()) {
                        return;
                    }
                    RuleInfo info = infos.get(v.ruleId());
                    out.printf(Locale.ROOT, "%-8s %-5s %-20s %2d/%-2d  %s%n", v.ruleId(), v.ok() ? "pass" : "FAIL",
                            info == null ? "-" : info.category(), v.passed(), v.positive(),
                            info == null ? "" : info.ruleName().substring(v.ruleId().length()).strip());
                    v.problems().forEach(p -> out.println("                                        " + p));
                });
        long negativesFailed = report.negatives().stream().filter(r -> !r.passed()).count();
        out.printf(Locale.ROOT, "%-8s %-5s %-20s %2d/%-2d  %s%n", "negative", negativesFailed == 0 ? "pass" : "FAIL", "",
                report.negatives().size() - negativesFailed, report.negatives().size(),
                "cases that must stay UNKNOWN or go to another category");
        for (RuleCaseResult r : report.negatives()) {
            if (!r.passed()) {
                out.println("                                        " + r.testCase().where() + ": " + r.problem());
            }
        }
        out.println(report.summary() + (report.passed() ? ": PASS" : ": FAIL"));
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
