package dev.autoremediate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureClassifierTest {

    /**
     * Chance on the 16 categories is 1/16 ≈ 6%, always answering the largest category 10%. Measured with features v1:
     * 31.7% on the held-out half (30.0% with the halves swapped); 60 examples for 16 categories is little to learn
     * from. The bundled model trains on the generated corpus instead (docs/model-card.md).
     */
    private static final double HELD_OUT_ACCURACY_FLOOR = 0.25;

    private static List<TrainingExample> train;
    private static List<TrainingExample> heldOut;
    private static FailureClassifier classifier;

    @BeforeAll
    static void trainOnHalfTheCorpus() {
        List<LabelledError> corpus = LabelledErrors.realDev().stream()
                .sorted(Comparator.comparing((LabelledError error) -> sha256(error.id())).thenComparing(LabelledError::id))
                .toList();
        int half = corpus.size() / 2;
        train = TrainingExample.fromCorpus(corpus.subList(0, half));
        heldOut = TrainingExample.fromCorpus(corpus.subList(half, corpus.size()));
        classifier = new FailureClassifierTrainer().train(train);
    }

    /** The split is by id: ids ranked by their SHA-256, the first half trains. */
    static String sha256(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static double accuracy(FailureClassifier model, List<TrainingExample> examples) {
        long right = examples.stream().filter(e -> model.predict(e.event()).category() == e.category()).count();
        return (double) right / examples.size();
    }

    @Test
    void classifiesHeldOutRealErrorsFarAboveChance() {
        double accuracy = accuracy(classifier, heldOut);
        double reverse = accuracy(new FailureClassifierTrainer().train(heldOut), train);
        System.out.printf("held-out accuracy: %.1f%% (%d trained, %d held out); halves swapped: %.1f%%; chance %.1f%%%n",
                100 * accuracy, train.size(), heldOut.size(), 100 * reverse, 100.0 / FailureCategory.values().length);

        assertThat(train).hasSize(60);
        assertThat(heldOut).hasSize(60);
        assertThat(train).extracting(e -> e.event().eventId()).doesNotContainAnyElementsOf(
                heldOut.stream().map(e -> e.event().eventId()).toList());
        assertThat(accuracy).isGreaterThanOrEqualTo(HELD_OUT_ACCURACY_FLOOR);
    }

    @Test
    void fitsTheExamplesItWasTrainedOn() {
        assertThat(accuracy(classifier, train)).isGreaterThan(0.9);
    }

    @Test
    void trainingTwiceGivesTheSameModel() {
        FailureClassifier again = new FailureClassifierTrainer().train(train);

        assertThat(again.modelVersion()).isEqualTo(classifier.modelVersion());
        for (TrainingExample example : heldOut) {
            assertThat(again.predict(example.event())).isEqualTo(classifier.predict(example.event()));
        }
    }

    @Test
    void aDifferentTrainingSetGivesADifferentVersion() {
        assertThat(new FailureClassifierTrainer().train(heldOut).modelVersion()).isNotEqualTo(classifier.modelVersion());
    }

    @Test
    void predictsACategoryWithAProbabilityAndTheModelVersion() {
        ModelPrediction prediction = classifier.predict(FailureEvents.heapOom("job-1"));

        assertThat(prediction.confidence()).isBetween(0.0, 1.0);
        assertThat(prediction.modelVersion()).matches("fc-[0-9a-f]{12}").isEqualTo(classifier.modelVersion());
        assertThat(classifier.categories()).contains(prediction.category());
    }

    @Test
    void aModelOfTheWholeCorpusKnowsTheThreeMemoryFailuresOfTheBuilders() {
        FailureClassifier full = new FailureClassifierTrainer().train(TrainingExample.fromCorpus(LabelledErrors.realDev()));

        assertThat(full.predict(FailureEvents.heapOom("job-1")).category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(full.predict(FailureEvents.containerKilled("job-1")).category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(full.predict(FailureEvents.driverOom("job-1")).category()).isEqualTo(FailureCategory.MEMORY_DRIVER);
    }

    @Test
    void answersUnknownWithNoConfidenceWhenNothingItLearntApplies() {
        var job = new Job("job-1", "job-1/1", 1, "quasar", null, null, null, null, Map.of());
        var event = new FailureEvent(1, "evt-1", Instant.EPOCH, job, new Failure(3, "Quuxblarg", "zzzq xyzzy", null, null), null);

        assertThat(classifier.predict(event)).isEqualTo(new ModelPrediction(FailureCategory.UNKNOWN, 0.0, classifier.modelVersion()));
    }

    @Test
    void recordsTheTrainerAndFeatureVersionInItsProvenance() {
        assertThat(classifier.trainerClassName()).isEqualTo("org.tribuo.classification.sgd.linear.LogisticRegressionTrainer");
        assertThat(classifier.provenance().getInstanceProvenance().getMap().get(FailureClassifierTrainer.FEATURE_EXTRACTOR_KEY))
                .isEqualTo(new StringProvenance(FailureClassifierTrainer.FEATURE_EXTRACTOR_KEY, FailureFeatures.VERSION));
        assertThat(classifier.provenance().getTrainerProvenance().toString()).contains("seed").contains("12345");
        assertThat(classifier.provenance().getDatasetProvenance().toString()).contains("sha256");
    }

    @Test
    void saveAndLoadKeepPredictionsAndProvenance(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("failure-classifier.tribuo");

        classifier.save(file);
        FailureClassifier loaded = FailureClassifier.load(file);

        assertThat(loaded.modelVersion()).isEqualTo(classifier.modelVersion());
        assertThat(loaded.trainerClassName()).isEqualTo(classifier.trainerClassName());
        assertThat(loaded.trainedAt()).isEqualTo(classifier.trainedAt());
        assertThat(loaded.provenance()).isEqualTo(classifier.provenance());
        assertThat(loaded.categories()).isEqualTo(classifier.categories());
        for (TrainingExample example : heldOut) {
            assertThat(loaded.predict(example.event())).isEqualTo(classifier.predict(example.event()));
        }
    }

    @Test
    void refusesAFileThatIsNotAModel(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("junk.tribuo"), "not a model");

        assertThatThrownBy(() -> FailureClassifier.load(file)).isInstanceOf(IOException.class);
    }

    @Test
    void refusesToTrainOnNothingOrOnOneCategory() {
        var trainer = new FailureClassifierTrainer();

        assertThatThrownBy(() -> trainer.train(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trainer.train(List.of(
                new TrainingExample(FailureEvents.heapOom("a"), FailureCategory.MEMORY_EXECUTOR_OOM),
                new TrainingExample(FailureEvents.heapOom("b"), FailureCategory.MEMORY_EXECUTOR_OOM))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void turnsTribuosPerEpochLoggingDown() {
        new FailureClassifierTrainer();

        assertThat(Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer").getLevel()).isEqualTo(Level.WARNING);
    }
}
