package dev.autoremediate.remediator.api;

import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.review.DecisionQueries;
import dev.autoremediate.remediator.review.RuleReloadStatus;
import dev.autoremediate.remediator.review.RuleStatistics;
import dev.autoremediate.remediator.review.RuleTable;
import dev.autoremediate.remediator.review.UnclassifiedFailures;
import dev.autoremediate.remediator.review.UnclassifiedGroup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "rules", description = "the rule pack (read only: rules change through DRL files) and what it misses")
class RulesApi {

    private final FailureClassifier classifier;
    private final DecisionQueries queries;
    private final ObjectProvider<RuleStatistics> statistics;
    private final ObjectProvider<RuleReloadStatus> reload;
    private final UnclassifiedFailures unclassified;

    RulesApi(FailureClassifier classifier, DecisionQueries queries, ObjectProvider<RuleStatistics> statistics,
            ObjectProvider<RuleReloadStatus> reload, UnclassifiedFailures unclassified) {
        this.classifier = classifier;
        this.queries = queries;
        this.statistics = statistics;
        this.reload = reload;
        this.unclassified = unclassified;
    }

    @GetMapping("/rules")
    @Operation(summary = "The rule pack in use: every rule with its hits and the success rate of its retries, and the "
            + "errors of the last reload")
    RuleTable rules() {
        return table(classifier, queries, statistics, reload);
    }

    static RuleTable table(FailureClassifier classifier, DecisionQueries queries,
            ObjectProvider<RuleStatistics> statistics, ObjectProvider<RuleReloadStatus> reload) {
        return RuleTable.of(classifier, statistics.getIfAvailable(() -> queries::byRule),
                reload.getIfAvailable(() -> RuleReloadStatus.NONE));
    }

    @GetMapping("/unclassified")
    @Operation(summary = "Failures no rule matched, grouped by message template (numbers, ids, paths, hosts "
            + "normalised), largest group first")
    List<UnclassifiedGroup> unclassified(@RequestParam(defaultValue = "50") int limit) {
        return unclassified.groups(Math.min(Math.max(1, limit), 500));
    }
}
