package dev.autoremediate.model;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a {@link FailureClassifier}: {@link FailureFeatures} of each event, then Tribuo's
 * {@link LogisticRegressionTrainer} (multinomial logistic regression by SGD with AdaGrad, 5 epochs, Tribuo's fixed
 * seed {@value Trainer#DEFAULT_SEED}), with a calibration temperature.
 *
 * <p>Calibration: the jobs are split by {@link GroupSplit} (5 folds, seed {@value #CALIBRATION_SEED}); a model trained without
 * fold 0 predicts fold 0, and the temperature T that minimises the log-loss of those held-out predictions (a grid of
 * 241 values from 0.2 to 20, evenly spaced in log T) is stored in the final model, which is trained on every example.
 * A held-out fold of <em>jobs</em>, not rows, matters: paraphrases of one failure look alike, and a model is always
 * more sure of what it has nearly seen.
 *
 * <p>Bit-for-bit reproducible: the same examples and training time give the same bytes. A fresh Tribuo trainer is
 * made for each model (its random stream starts from the seed), and the model's provenance is rebuilt with the given
 * training time (default: the latest {@code occurredAt} among the examples) and without the machine's Java version,
 * OS and architecture, which Tribuo would otherwise record.
 *
 * <p>Provenance: the trainer and its settings; the dataset (size, feature and label counts, and a SHA-256 of the
 * examples in its description); {@value #FEATURE_EXTRACTOR_KEY}, {@value #TEMPERATURE_KEY} and
 * {@value #CALIBRATION_KEY} (held-out fold size and accuracy) in the instance provenance.
 *
 * <p>Tribuo logs each epoch at INFO through {@code java.util.logging}; the trainer's own loggers are set to WARNING
 * here (no handler is installed).
 */
public final class FailureClassifierTrainer {

    /** Key of the feature-extractor version in a model's instance provenance. */
    public static final String FEATURE_EXTRACTOR_KEY = "feature-extractor";

    /** Key of the calibration temperature in a model's instance provenance. */
    public static final String TEMPERATURE_KEY = "calibration-temperature";

    /** Key of the held-out calibration fold's size and accuracy in a model's instance provenance. */
    public static final String CALIBRATION_KEY = "calibration-holdout";

    /** The seed of every training run (Tribuo's default, which {@link LogisticRegressionTrainer} fixes). */
    public static final long SEED = Trainer.DEFAULT_SEED;

    /**
     * The seed of the calibration split: another than the evaluation's default ({@value #SEED}), so that a model
     * trained on the other folds of an evaluation split still holds jobs out for its own calibration.
     */
    public static final long CALIBRATION_SEED = 20261123L;

    private static final GroupSplit CALIBRATION_SPLIT = new GroupSplit(5, CALIBRATION_SEED);

    private final FailureFeatures features = new FailureFeatures();

    public FailureClassifierTrainer() {
        ReproducibleTraining.quietTribuo();
    }

    /** Trains on {@code examples}, dated by the latest {@code occurredAt} among them. */
    public FailureClassifier train(List<TrainingExample> examples) {
        Instant latest = Instant.EPOCH;
        for (TrainingExample example : Objects.requireNonNull(examples, "examples")) {
            Instant at = example.event().occurredAt();
            if (at != null && at.isAfter(latest)) {
                latest = at;
            }
        }
        return train(examples, latest);
    }

    /**
     * Trains on {@code examples} (at least two categories among them); {@code trainedAt} is recorded as the training
     * time, so that equal inputs give equal bytes.
     *
     * @throws IllegalArgumentException when there is nothing to learn from
     */
    public FailureClassifier train(List<TrainingExample> examples, Instant trainedAt) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(trainedAt, "trainedAt");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (examples.stream().map(TrainingExample::category).distinct().count() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two categories");
        }
        var run = new TreeMap<String, Provenance>();
        run.put(FEATURE_EXTRACTOR_KEY, new StringProvenance(FEATURE_EXTRACTOR_KEY, FailureFeatures.VERSION));
        Calibration calibration = calibrate(examples, trainedAt);
        run.put(TEMPERATURE_KEY, new StringProvenance(TEMPERATURE_KEY, String.format(Locale.ROOT, "%.4f", calibration.temperature())));
        run.put(CALIBRATION_KEY, new StringProvenance(CALIBRATION_KEY, calibration.describe()));
        return new FailureClassifier(fit(examples, trainedAt, run), features);
    }

    /** What the calibration found: T, and the held-out fold's size and accuracy (0 examples: T = 1, nothing held out). */
    record Calibration(double temperature, int heldOut, double accuracy) {
        String describe() {
            return String.format(Locale.ROOT, "jobs in fold 0 of %d (seed %d): %d examples, accuracy %.4f",
                    CALIBRATION_SPLIT.folds(), CALIBRATION_SPLIT.seed(), heldOut, accuracy);
        }
    }

    private Calibration calibrate(List<TrainingExample> examples, Instant trainedAt) {
        List<TrainingExample> held = CALIBRATION_SPLIT.select(examples, 0, true);
        List<TrainingExample> rest = CALIBRATION_SPLIT.select(examples, 0, false);
        if (held.isEmpty() || rest.stream().map(TrainingExample::category).distinct().count() < 2) {
            return new Calibration(1.0, 0, 0.0);
        }
        var run = new TreeMap<String, Provenance>();
        run.put(FEATURE_EXTRACTOR_KEY, new StringProvenance(FEATURE_EXTRACTOR_KEY, FailureFeatures.VERSION));
        var uncalibrated = new FailureClassifier(fit(rest, trainedAt, run), features);
        var raw = new ArrayList<Map<FailureCategory, Double>>(held.size());
        int correct = 0;
        for (TrainingExample example : held) {
            Map<FailureCategory, Double> d = uncalibrated.distribution(example.event());
            raw.add(d);
            var best = d.entrySet().stream().max(Map.Entry.comparingByValue());
            if (best.isPresent() && best.get().getKey() == example.category()) {
                correct++;
            }
        }
        double bestT = 1.0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 240; i++) {
            double t = Math.exp(Math.log(0.2) + i * (Math.log(20) - Math.log(0.2)) / 240);
            double loss = 0;
            for (int j = 0; j < held.size(); j++) {
                loss -= Math.log(Math.max(1e-12, rescale(raw.get(j), t).getOrDefault(held.get(j).category(), 0.0)));
            }
            if (loss < bestLoss - 1e-12) {
                bestLoss = loss;
                bestT = t;
            }
        }
        return new Calibration(bestT, held.size(), (double) correct / held.size());
    }

    private static Map<FailureCategory, Double> rescale(Map<FailureCategory, Double> p, double t) {
        if (p.isEmpty()) {
            return p;
        }
        var labels = new TreeMap<String, Label>();
        p.forEach((k, v) -> labels.put(k.name(), new Label(k.name(), v)));
        return FailureClassifier.calibrate(labels, t);
    }

    private Model<Label> fit(List<TrainingExample> examples, Instant trainedAt, Map<String, Provenance> run) {
        var labels = new LabelFactory();
        var digest = ReproducibleTraining.sha256();
        var examplesOut = new ArrayList<Example<Label>>(examples.size());
        for (TrainingExample example : examples) {
            Map<String, Double> named = features.extract(example.event());
            examplesOut.add(new ArrayExample<>(new Label(example.category().name()), named.keySet().toArray(String[]::new),
                    named.values().stream().mapToDouble(Double::doubleValue).toArray()));
            digest.update((GroupSplit.groupOf(example) + "\t" + example.category().name() + "\t"
                    + String.join("\t", named.keySet()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        OffsetDateTime time = OffsetDateTime.ofInstant(trainedAt, ZoneOffset.UTC);
        String description = "failure events: " + examples.size() + " examples, features " + FailureFeatures.VERSION
                + ", sha256 " + HexFormat.of().formatHex(digest.digest());
        var source = new SimpleDataSourceProvenance(description, time, labels);
        var dataset = new MutableDataset<Label>(examplesOut, source, labels);
        Model<Label> model = new LogisticRegressionTrainer().train(dataset, run);
        return ReproducibleTraining.withFixedTime(model, time, run);
    }
}
