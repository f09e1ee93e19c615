package dev.autoremediate.remediator.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.rules.RulePack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleHitMetricsTest {

    @TempDir
    Path dir;

    @Test
    void every_classification_counts_a_hit_of_each_rule_that_matched_and_a_miss_when_none_did() throws Exception {
        PackFiles.writeSmallPack(dir, "disk full");
        var classifier = new FailureClassifier(RulePack.fromDirectory(dir));
        var registry = new SimpleMeterRegistry();
        classifier.onRuleOutcome(new RuleHitMetrics(registry));

        for (int i = 0; i < 3; i++) {
            classifier.classify(FailureEvents.spark("j" + i, 1, null, "java.io.IOException: No space left on device", null));
        }
        classifier.classify(FailureEvents.unrecognised("u"));

        assertThat(registry.get(RuleHitMetrics.HITS).tag("rule", "DSK-001").tag("decided", "true")
                .tag("category", "DISK_SPACE").counter().count()).isEqualTo(3.0);
        assertThat(registry.get(RuleHitMetrics.UNMATCHED).counter().count()).isEqualTo(1.0);
    }
}
