package dev.autoremediate.model;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a {@link FailureClassifier}: {@link FailureFeatures} of each event, then Tribuo's
 * {@link LogisticRegressionTrainer} (multinomial logistic regression by SGD with AdaGrad, 5 epochs, Tribuo's fixed
 * seed {@value Trainer#DEFAULT_SEED}). Training the same examples twice gives the same model: a fresh Tribuo trainer
 * is made for each call, so its random stream always starts from the seed.
 *
 * <p>The model's provenance records the trainer and its settings, the dataset (size, feature and label counts, and a
 * SHA-256 of the examples in its description), and {@value #FEATURE_EXTRACTOR_KEY} = {@link FailureFeatures#VERSION}.
 *
 * <p>Tribuo logs each epoch at INFO through {@code java.util.logging}; the trainer's own loggers are set to WARNING
 * here (no handler is installed).
 */
public final class FailureClassifierTrainer {

    /** Key of the feature-extractor version in a model's instance provenance. */
    public static final String FEATURE_EXTRACTOR_KEY = "feature-extractor";

    /** The seed of every training run (Tribuo's default, which {@link LogisticRegressionTrainer} fixes). */
    public static final long SEED = Trainer.DEFAULT_SEED;

    private final FailureFeatures features = new FailureFeatures();

    public FailureClassifierTrainer() {
        quietTribuo();
    }

    /**
     * Trains on {@code examples} (at least two categories among them).
     *
     * @throws IllegalArgumentException when there is nothing to learn from
     */
    public FailureClassifier train(List<TrainingExample> examples) {
        Objects.requireNonNull(examples, "examples");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (examples.stream().map(TrainingExample::category).distinct().count() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two categories");
        }
        var labels = new LabelFactory();
        var digest = sha256();
        Instant latest = Instant.EPOCH;
        var examplesOut = new ArrayList<Example<Label>>(examples.size());
        for (TrainingExample example : examples) {
            Map<String, Double> named = features.extract(example.event());
            var tribuo = new ArrayExample<Label>(new Label(example.category().name()), named.keySet().toArray(String[]::new),
                    named.values().stream().mapToDouble(Double::doubleValue).toArray());
            examplesOut.add(tribuo);
            digest.update((example.category().name() + "\t" + String.join("\t", named.keySet()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (example.event().occurredAt() != null && example.event().occurredAt().isAfter(latest)) {
                latest = example.event().occurredAt();
            }
        }
        String description = "failure events: " + examples.size() + " examples, features " + FailureFeatures.VERSION
                + ", sha256 " + HexFormat.of().formatHex(digest.digest());
        var source = new SimpleDataSourceProvenance(description, OffsetDateTime.ofInstant(latest, ZoneOffset.UTC), labels);
        var dataset = new MutableDataset<Label>(examplesOut, source, labels);
        Map<String, Provenance> run = Map.of(FEATURE_EXTRACTOR_KEY,
                new StringProvenance(FEATURE_EXTRACTOR_KEY, FailureFeatures.VERSION));
        Model<Label> model = new LogisticRegressionTrainer().train(dataset, run);
        return new FailureClassifier(model, features);
    }

    /**
     * Turns Tribuo's per-epoch INFO lines down. Each class is initialised first, so that its static field holds the
     * logger configured here (java.util.logging keeps loggers only weakly) and the level sticks.
     */
    private static void quietTribuo() {
        for (Class<?> type : List.of(AbstractSGDTrainer.class, LinearSGDTrainer.class, LogisticRegressionTrainer.class)) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            Logger logger = Logger.getLogger(type.getName());
            if (logger.getLevel() == null || logger.getLevel().intValue() < Level.WARNING.intValue()) {
                logger.setLevel(Level.WARNING);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
