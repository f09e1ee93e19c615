package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.rules.RuleInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rule pack as it classifies now, each rule with how often it decided and how its retries ended, and what the
 * last reload said. Rules change only through DRL files, never through the UI or API.
 */
public record RuleTable(String packVersion, List<Row> rules, Instant lastReloadAt, List<String> lastReloadErrors) {

    public record Row(String ruleId, String ruleName, FailureCategory category, boolean retryable, double confidence,
            ActionType action, String description, String file, long hits, long succeeded, long failed,
            Double successRate) {
    }

    public static RuleTable of(FailureClassifier classifier, RuleStatistics statistics, RuleReloadStatus reload) {
        var pack = classifier.pack();
        Map<String, RuleStats> stats = statistics.byRule();
        List<Row> rows = pack.rules().stream()
                .map((RuleInfo r) -> {
                    RuleStats s = stats.getOrDefault(r.ruleId(), RuleStats.NONE);
                    return new Row(r.ruleId(), r.ruleName(), r.category(), r.retryable(), r.confidence(),
                            r.action().type(), r.description(), r.file(), s.hits(), s.succeeded(), s.failed(),
                            s.successRate());
                })
                .sorted(java.util.Comparator.comparing(Row::ruleId))
                .toList();
        return new RuleTable(pack.version(), rows, reload.lastReloadAt().orElse(null), reload.lastErrors());
    }
}
