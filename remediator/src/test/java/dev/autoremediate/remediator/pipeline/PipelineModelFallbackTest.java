package dev.autoremediate.remediator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.model.BundledClassifier;
import dev.autoremediate.rules.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's classifier with the bundled model: when it asks the model, what it records, and the bar. */
class PipelineModelFallbackTest {

    private static dev.autoremediate.model.FailureClassifier model;
    private static RulePack noRules;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        model = BundledClassifier.load();
        noRules = RulePack.fromDirectory(Files.createDirectory(dir.resolve("empty")));
    }

    @Test
    void withNoRuleMatchingTheModelDecidesAboveTheBar() {
        var classifier = new FailureClassifier(noRules, Optional.of(new ModelFallback(model, 0.3)));

        var c = classifier.classify(FailureEvents.containerKilled("j")).classification();

        assertThat(c.category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(c.source()).isEqualTo(ClassificationSource.MODEL);
        assertThat(c.modelVersion()).isEqualTo(model.modelVersion());
        assertThat(c.retryable()).isTrue();
        assertThat(c.confidence()).isGreaterThanOrEqualTo(0.3);
        assertThat(c.model().category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(c.explanation()).contains("no rule").contains(model.modelVersion()).contains("features: ");
    }

    @Test
    void belowTheBarTheAnswerIsUnknownAndTheOpinionIsKept() {
        var classifier = new FailureClassifier(noRules, Optional.of(new ModelFallback(model, 1.0)));

        var classified = classifier.classify(FailureEvents.containerKilled("j"));
        var c = classified.classification();

        assertThat(c.category()).isEqualTo(FailureCategory.UNKNOWN);
        assertThat(c.source()).isEqualTo(ClassificationSource.NONE);
        assertThat(c.retryable()).isNull();
        assertThat(c.modelVersion()).isNull();
        assertThat(c.model().category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(c.explanation()).contains("below the bar of 1.00");
        assertThat(classified.rule()).isEmpty();
    }

    @Test
    void aMatchingRuleDecidesAndAnAgreeingModelLeavesNoTrace() {
        var classifier = new FailureClassifier(RulePack.bundled(), Optional.of(new ModelFallback(model, 0.3)));

        var c = classifier.classify(FailureEvents.heapOom("j")).classification();

        assertThat(c.source()).isEqualTo(ClassificationSource.RULE);
        assertThat(c.category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(c.model()).isNull();
    }

    @Test
    void theModelIsAskedOnlyWhenARuleOfAMemoryCategoryMatched() {
        // a model that calls every failure it knows an executor OOM
        var wrong = new dev.autoremediate.model.FailureClassifierTrainer().train(List.of(
                new dev.autoremediate.model.TrainingExample(FailureEvents.tableNotFound("x"), FailureCategory.MEMORY_EXECUTOR_OOM),
                new dev.autoremediate.model.TrainingExample(FailureEvents.containerKilled("y"), FailureCategory.MEMORY_EXECUTOR_OOM),
                new dev.autoremediate.model.TrainingExample(FailureEvents.s3SlowDown("z"), FailureCategory.TRANSIENT_IO)));
        var classifier = new FailureClassifier(RulePack.bundled(), Optional.of(new ModelFallback(wrong, 0.0)));

        var sql = classifier.classify(FailureEvents.tableNotFound("j")).classification();
        var overhead = classifier.classify(FailureEvents.containerKilled("j")).classification();

        assertThat(sql.category()).isEqualTo(FailureCategory.SQL_ANALYSIS);
        assertThat(sql.model()).as("a SQL rule matched: the model is not asked").isNull();
        assertThat(overhead.category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(overhead.model().category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(overhead.explanation()).contains("the model " + wrong.modelVersion() + " says MEMORY_EXECUTOR_OOM");
    }

    @Test
    void withoutAModelNothingChanges() {
        var c = new FailureClassifier(noRules).classify(FailureEvents.containerKilled("j")).classification();

        assertThat(c.category()).isEqualTo(FailureCategory.UNKNOWN);
        assertThat(c.model()).isNull();
        assertThat(c.confidence()).isZero();
    }

    @Test
    void theBarMustBeAProbability() {
        assertThatThrownBy(() -> new ModelFallback(model, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ModelFallback.usuallyRetryable(FailureCategory.TRANSIENT_IO)).isTrue();
        assertThat(ModelFallback.usuallyRetryable(FailureCategory.PERMISSION)).isFalse();
    }
}
