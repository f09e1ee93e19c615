package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The catalog of a pack's rules as Markdown, generated from the rules' metadata (never written by hand): one table per
 * DRL file, and a count per category. Deterministic for a given pack, so a committed copy can be checked for
 * staleness ({@code autoremediate rules catalog --output docs/rule-catalog.md} regenerates it).
 */
public final class RuleCatalog {

    private RuleCatalog() {
    }

    public static String markdown(RulePack pack) {
        var sb = new StringBuilder();
        sb.append("# Rule catalog\n\n");
        sb.append("Generated from the rules' metadata by `autoremediate rules catalog --output docs/rule-catalog.md`; ")
                .append("do not edit by hand (`RuleCatalogTest` fails when this file is stale). How to write, test and ")
                .append("ship a rule: [rule-authoring.md](rule-authoring.md).\n\n");
        Map<String, Long> cases = pack.testCases().stream().filter(RuleCase::positive)
                .collect(Collectors.groupingBy(RuleCase::expectedRule, TreeMap::new, Collectors.counting()));
        sb.append(String.format(Locale.ROOT, "Pack version `%s`: %d rules in %d files, %d test cases.%n%n",
                pack.version(), pack.rules().size(),
                pack.rules().stream().map(RuleInfo::file).distinct().count(), pack.testCases().size()));

        sb.append("| category | rules | retryable | not retryable |\n|---|---:|---:|---:|\n");
        Map<FailureCategory, List<RuleInfo>> byCategory = new EnumMap<>(FailureCategory.class);
        pack.rules().forEach(r -> byCategory.computeIfAbsent(r.category(), c -> new java.util.ArrayList<>()).add(r));
        byCategory.forEach((category, rules) -> sb.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d |%n",
                category, rules.size(), rules.stream().filter(RuleInfo::retryable).count(),
                rules.stream().filter(r -> !r.retryable()).count())));
        sb.append('\n');

        Map<String, List<RuleInfo>> byFile = pack.rules().stream()
                .collect(Collectors.groupingBy(RuleInfo::file, TreeMap::new, Collectors.toList()));
        byFile.forEach((file, rules) -> {
            String name = file.substring(file.lastIndexOf('/') + 1);
            sb.append("## ").append(name).append("\n\n");
            sb.append("| id | rule | category | retryable | confidence | action | cases |\n");
            sb.append("|---|---|---|---|---:|---|---:|\n");
            for (RuleInfo r : rules) {
                sb.append(String.format(Locale.ROOT, "| %s | %s<br>%s | `%s` | %s | %.2f | %s | %d |%n", r.ruleId(),
                        cell(r.ruleName().substring(r.ruleId().length()).strip()), cell(r.description()),
                        r.category(), r.retryable() ? "yes" : "no", r.confidence(), action(r.action()),
                        cases.getOrDefault(r.ruleId(), 0L)));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    private static String action(ActionTemplate action) {
        var sb = new StringBuilder(action.type().name());
        if (action.type() == ActionType.RETRY_WITH_CONFIG) {
            sb.append(": ").append(action.steps().stream().map(ConfigStep::toString)
                    .map(s -> "`" + s + "`").collect(Collectors.joining(", ")));
        }
        if (action.baseDelaySeconds() > 0) {
            sb.append(" after ").append(action.baseDelaySeconds()).append(" s");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
