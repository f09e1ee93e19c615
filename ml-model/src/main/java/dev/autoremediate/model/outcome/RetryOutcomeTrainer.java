package dev.autoremediate.model.outcome;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.autoremediate.model.ReproducibleTraining;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the {@link RetryOutcomeModel}: {@link RetryOutcomeFeatures} of each example, then Tribuo's logistic
 * regression ({@link LinearSGDTrainer} with the log loss, AdaGrad at 0.5, {@value #EPOCHS} epochs, seed
 * {@value #SEED}) on the examples of four fifths of the jobs, and Platt scaling per category (a logistic fit of the
 * outcome on the logit of the model's probability) on the other fifth ({@link OutcomeSplit#calibrationJob}), stored in the
 * provenance as {@code calibration}. The provenance records the trainer, the dataset (a SHA-256 of the examples in its description), the
 * feature version, and the training time given by the caller instead of the clock, so that the same examples and time
 * give a byte-identical artifact.
 */
public final class RetryOutcomeTrainer {

    /** Key of the feature-extractor version in a model's instance provenance. */
    public static final String FEATURE_EXTRACTOR_KEY = "feature-extractor";
    public static final long SEED = 20261101L;
    public static final int EPOCHS = 40;

    private final RetryOutcomeFeatures features = new RetryOutcomeFeatures();

    public RetryOutcomeTrainer() {
        ReproducibleTraining.quietTribuo();
    }

    /**
     * @param trainedAt the time recorded in the provenance (fixed, for reproducible artifacts)
     * @throws IllegalArgumentException when there is nothing to learn (no covered example, or one label only)
     */
    public RetryOutcomeModel train(List<OutcomeExample> examples, Instant trainedAt) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(trainedAt, "trainedAt");
        var fit = new ArrayList<OutcomeExample>();
        var calibration = new ArrayList<OutcomeExample>();
        for (OutcomeExample e : examples) {
            (OutcomeSplit.calibrationJob(e.jobId()) ? calibration : fit).add(e);
        }
        if (calibration.isEmpty() || fit.isEmpty()) {
            fit = new ArrayList<>(examples);
            calibration.clear();
        }
        Model<Label> model = fit(fit, trainedAt, Calibration.IDENTITY);
        Calibration calibrated = Calibration.IDENTITY;
        if (!calibration.isEmpty()) {
            var raw = new RetryOutcomeModel(model);
            var scores = new ArrayList<Calibration.Scored>();
            for (OutcomeExample e : calibration) {
                RetryCase c = e.asCase();
                raw.rawProbability(c).ifPresent(p -> scores.add(new Calibration.Scored(e.category(), p,
                        e.retry().succeeded())));
            }
            calibrated = Calibration.fit(scores);
        }
        return new RetryOutcomeModel(fit(fit, trainedAt, calibrated));
    }

    private Model<Label> fit(List<OutcomeExample> examples, Instant trainedAt, Calibration platt) {
        var labels = new LabelFactory();
        var digest = ReproducibleTraining.sha256();
        var rows = new ArrayList<Example<Label>>();
        for (OutcomeExample example : examples) {
            RetryCase c = example.asCase();
            if (!RetryOutcomeFeatures.covers(c)) {
                continue;
            }
            Map<String, Double> named = features.extract(c);
            String label = example.retry().succeeded() ? RetryOutcomeModel.SUCCESS : RetryOutcomeModel.FAILURE;
            rows.add(new ArrayExample<>(new Label(label), named.keySet().toArray(String[]::new),
                    named.values().stream().mapToDouble(Double::doubleValue).toArray()));
            var line = new StringBuilder(example.jobId()).append('\t').append(label);
            named.forEach((k, v) -> line.append('\t').append(k).append('=').append(Double.toString(v)));
            digest.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no example the outcome model covers (Spark, a tuned category)");
        }
        if (rows.stream().map(Example::getOutput).distinct().count() < 2) {
            throw new IllegalArgumentException("training needs both successful and failed retries");
        }
        OffsetDateTime time = OffsetDateTime.ofInstant(trainedAt, ZoneOffset.UTC);
        String description = "retried failures: " + rows.size() + " examples, features " + RetryOutcomeFeatures.VERSION
                + ", sha256 " + HexFormat.of().formatHex(digest.digest());
        var dataset = new MutableDataset<Label>(rows, new SimpleDataSourceProvenance(description, time, labels), labels);
        Map<String, Provenance> run = Map.of(FEATURE_EXTRACTOR_KEY,
                new StringProvenance(FEATURE_EXTRACTOR_KEY, RetryOutcomeFeatures.VERSION), Calibration.KEY,
                new StringProvenance(Calibration.KEY, platt.toText()));
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.2, 0.1), EPOCHS, 1000, 1, SEED);
        Model<Label> model = trainer.train(dataset, run);
        // no execution provenance (host, JVM, time): the artifact depends on the examples and the given time only
        return ReproducibleTraining.withFixedTime(model, time, run);
    }
}
