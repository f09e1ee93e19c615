package dev.autoremediate.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model in the jar is the one the repository's code and data make: retraining from the manifest gives the same
 * bytes, so a change of generator, templates, features or trainer that is not followed by a retrain fails here.
 */
class BundledClassifierTest {

    private static FailureClassifier bundled;

    @BeforeAll
    static void load() {
        bundled = BundledClassifier.load();
    }

    @Test
    void retrainingFromTheManifestGivesTheBundledFileByteForByte() throws IOException {
        byte[] shipped;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TrainingCorpus.BUNDLED_MODEL)) {
            assertThat(in).as("bundled model resource").isNotNull();
            shipped = in.readAllBytes();
        }

        byte[] retrained = TrainingCorpus.bundled().train(List.of()).toBytes();

        assertThat(retrained).as("retrain with `autoremediate train classifier --output "
                + "ml-model/src/main/resources/" + TrainingCorpus.BUNDLED_MODEL + "` after changing its inputs")
                .isEqualTo(shipped);
    }

    @Test
    void recordsTheManifestsTrainingTimeAndTheCalibration() {
        assertThat(bundled.trainedAt()).isEqualTo(TrainingCorpus.bundled().trainedAt());
        assertThat(bundled.temperature()).isPositive().isNotEqualTo(1.0);
        assertThat(bundled.provenance().getInstanceProvenance().getMap())
                .containsKeys(FailureClassifierTrainer.TEMPERATURE_KEY, FailureClassifierTrainer.CALIBRATION_KEY,
                        FailureClassifierTrainer.FEATURE_EXTRACTOR_KEY);
        assertThat(bundled.provenance().getDatasetProvenance().toString()).contains("sha256");
        assertThat(bundled.modelVersion()).matches("fc-[0-9a-f]{12}");
    }

    @Test
    void knowsEveryCategoryAndTheCommonFailuresOfTheBuilders() {
        assertThat(bundled.categories()).containsExactlyInAnyOrder(FailureCategory.values());
        assertThat(bundled.predict(FailureEvents.heapOom("j")).category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(bundled.predict(FailureEvents.containerKilled("j")).category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(bundled.predict(FailureEvents.driverOom("j")).category()).isEqualTo(FailureCategory.MEMORY_DRIVER);
        assertThat(bundled.predict(FailureEvents.s3SlowDown("j")).category()).isEqualTo(FailureCategory.TRANSIENT_IO);
        assertThat(bundled.predict(FailureEvents.tableNotFound("j")).category()).isEqualTo(FailureCategory.SQL_ANALYSIS);
    }

    @Test
    void explainsAnAnswerByTheFeaturesThatSpeakForIt() {
        var why = bundled.explain(FailureEvents.containerKilled("j"), FailureCategory.MEMORY_OVERHEAD, 5);

        assertThat(why).hasSize(5).doesNotHaveDuplicates();
        assertThat(why).anySatisfy(f -> assertThat(f).containsAnyOf("overhead", "memory", "137", "yarn", "limits"));
        assertThat(bundled.explain(FailureEvents.containerKilled("j"), FailureCategory.MEMORY_OVERHEAD, 0)).isEmpty();
    }

    @Test
    void calibratedProbabilitiesSumToOne() {
        var distribution = bundled.distribution(FailureEvents.fetchFailed("j"));
        assertThat(distribution.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bundled.predict(FailureEvents.fetchFailed("j")).confidence())
                .isEqualTo(distribution.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    @Test
    void scoringTheWeightsDirectlyGivesExactlyTribuosNumbers() {
        assertThat(bundled.scoresWeightsDirectly()).isTrue();
        var events = new java.util.ArrayList<dev.autoremediate.ingest.contract.FailureEvent>();
        dev.autoremediate.datasets.LabelledErrors.realDev().forEach(e -> events.add(e.toFailureEvent()));
        dev.autoremediate.datasets.FailureTextGenerator.bundled().generate(3, 5).forEach(g -> events.add(g.event()));
        events.add(dev.autoremediate.datasets.FailureEvents.unrecognised("j"));
        int compared = 0;
        for (var event : events) {
            var direct = bundled.distribution(event, false);
            assertThat(direct).as(event.failure().message()).isEqualTo(bundled.distribution(event, true));
            compared += direct.isEmpty() ? 0 : 1;
        }
        assertThat(compared).isGreaterThan(events.size() / 2);
    }

    @Test
    void explainingFromTheWeightsDirectlyNamesExactlyTribuosExcuse() {
        var events = new java.util.ArrayList<dev.autoremediate.ingest.contract.FailureEvent>();
        dev.autoremediate.datasets.LabelledErrors.realDev().forEach(e -> events.add(e.toFailureEvent()));
        dev.autoremediate.datasets.FailureTextGenerator.bundled().generate(1, 5).forEach(g -> events.add(g.event()));
        int named = 0;
        for (var event : events) {
            if (bundled.distribution(event, true).isEmpty()) {
                continue; // Tribuo cannot excuse an example of no feature it knows
            }
            for (FailureCategory category : FailureCategory.values()) {
                for (int limit : new int[] {5, 1000}) {
                    var direct = bundled.explain(event, category, limit, false);
                    assertThat(direct).as(event.failure().message() + " " + category)
                            .isEqualTo(bundled.explain(event, category, limit, true));
                    named += direct.size();
                }
            }
        }
        assertThat(named).isGreaterThan(events.size() * 10);
    }
}
