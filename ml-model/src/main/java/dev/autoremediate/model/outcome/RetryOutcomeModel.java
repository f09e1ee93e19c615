package dev.autoremediate.model.outcome;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import dev.autoremediate.datasets.sim.SparkSettings;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.model.LinearScorer;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;

/**
 * The trained retry-outcome model: P(success) of a {@link RetryCase}. Thread-safe (Tribuo models predict
 * concurrently). Saved as Tribuo's protobuf {@code .tribuo} file with its provenance.
 */
public final class RetryOutcomeModel {

    /** Where the bundled default model lives on the classpath. */
    public static final String BUNDLED_RESOURCE = "/dev/autoremediate/model/outcome/retry-outcome.tribuo";
    static final String SUCCESS = "success";
    static final String FAILURE = "failure";

    private final Model<Label> model;
    private final RetryOutcomeFeatures features = new RetryOutcomeFeatures();
    private final String version;
    private final Calibration calibration;
    /** Scores a logistic regression without Tribuo's per-example objects; null for other models. */
    private final LinearScorer linear;
    private final int successOutput;
    /** By covered category: the linear model's id of each feature slot, -1 for one it does not know. */
    private final Map<FailureCategory, int[]> featureIds = new EnumMap<>(FailureCategory.class);

    RetryOutcomeModel(Model<Label> model) {
        this.model = Objects.requireNonNull(model, "model");
        Object extractor = model.getProvenance().getInstanceProvenance().getMap()
                .get(RetryOutcomeTrainer.FEATURE_EXTRACTOR_KEY);
        if (extractor == null || !extractor.toString().contains(RetryOutcomeFeatures.VERSION)) {
            throw new IllegalArgumentException("not a retry-outcome model of " + RetryOutcomeFeatures.VERSION
                    + " (its feature extractor is " + extractor + ")");
        }
        if (!model.getOutputIDInfo().getDomain().contains(new Label(SUCCESS))) {
            throw new IllegalArgumentException("not a retry-outcome model: it has no '" + SUCCESS + "' label");
        }
        Object platt = model.getProvenance().getInstanceProvenance().getMap().get(Calibration.KEY);
        this.calibration = platt == null ? Calibration.IDENTITY : Calibration.parse(
                ((com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance) platt).getValue());
        this.linear = LinearScorer.of(model);
        this.successOutput = model.getOutputIDInfo().getID(new Label(SUCCESS));
        for (FailureCategory category : RetryOutcomeFeatures.COVERED) {
            int[] ids = new int[RetryOutcomeFeatures.NAMES.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = linear == null ? -1 : linear.id(category.name() + "|" + RetryOutcomeFeatures.NAMES[i]);
            }
            featureIds.put(category, ids);
        }
        this.version = "oc-" + sha256(model.getProvenance().getTrainerProvenance().toString() + "|"
                + model.getProvenance().getDatasetProvenance().toString() + "|" + RetryOutcomeFeatures.VERSION)
                .substring(0, 12);
    }

    /**
     * P(success), or empty when the model does not cover the case ({@link RetryOutcomeFeatures#covers}) or never saw
     * its category in training.
     */
    public OptionalDouble successProbability(RetryCase c) {
        OptionalDouble raw = rawProbability(c);
        return raw.isEmpty() ? raw : OptionalDouble.of(calibration.apply(c.category(), raw.getAsDouble()));
    }

    /**
     * P(success) of many candidate configurations of one failure: {@code failure}'s candidate is not read. The same
     * numbers as {@link #successProbability}, with what the failed attempt and the history give worked out once and
     * the features' names looked up once.
     */
    public CandidateScores successProbabilities(RetryCase failure) {
        if (!knows(failure)) {
            return new CandidateScores(null, null);
        }
        return new CandidateScores(this, RetryOutcomeFeatures.failed(failure));
    }

    /**
     * P(success) of the candidate configurations of one failure ({@link #successProbabilities}), each given as its
     * complete configuration or as the {@link SparkSettings} of it. Thread-safe.
     */
    public static final class CandidateScores implements Function<Map<String, String>, OptionalDouble> {

        private final RetryOutcomeModel model;
        private final RetryOutcomeFeatures.Failed failed;
        private final Platt platt;
        private final int[] ids; // the linear model's id of each feature slot, -1 for one it does not know

        private CandidateScores(RetryOutcomeModel model, RetryOutcomeFeatures.Failed failed) {
            this.model = model;
            this.failed = failed;
            if (model == null) {
                this.platt = null;
                this.ids = null;
                return;
            }
            Calibration calibration = model.calibration;
            this.platt = calibration.byCategory().getOrDefault(failed.c().category(), calibration.overall());
            this.ids = model.featureIds.get(failed.c().category());
        }

        /**
         * The settings of the failed attempt's configuration, from which a candidate's are made; {@code null} when the
         * model does not cover the failure (then every answer is empty).
         */
        public SparkSettings failedSettings() {
            return failed == null ? null : failed.now();
        }

        /** P(success) of a retry with the candidate's complete configuration. */
        @Override
        public OptionalDouble apply(Map<String, String> candidate) {
            return model == null ? OptionalDouble.empty() : probability(SparkSettings.of(candidate));
        }

        /** P(success) of a retry with these settings: the same as {@link #apply} of a configuration that has them. */
        public OptionalDouble probability(SparkSettings candidate) {
            if (model == null) {
                return OptionalDouble.empty();
            }
            double[] values = model.features.extract(failed, candidate);
            double raw;
            if (model.linear == null) {
                raw = model.raw(RetryOutcomeFeatures.named(failed, values), true);
            } else {
                int[] known = new int[values.length];
                double[] knownValues = new double[values.length];
                int k = 0;
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != 0.0 && ids[i] >= 0) {
                        known[k] = ids[i];
                        knownValues[k] = values[i];
                        k++;
                    }
                }
                raw = model.linearSuccess(known, knownValues, k);
            }
            return OptionalDouble.of(platt.apply(raw));
        }
    }

    /** The linear model's probability before calibration; empty for a category the model never saw. */
    OptionalDouble rawProbability(RetryCase c) {
        return rawProbability(c, linear == null);
    }

    OptionalDouble rawProbability(RetryCase c, boolean throughTribuo) {
        if (!knows(c)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(raw(features.extract(c), throughTribuo));
    }

    /**
     * P(success) of the linear model for the named features, through {@link Model#predict}, or by scoring the
     * logistic regression's weights directly with {@link LinearScorer}: the same numbers in the same order
     * (RetryOutcomeModelTest compares them).
     */
    private double raw(Map<String, Double> named, boolean throughTribuo) {
        if (throughTribuo || linear == null) {
            var example = new ArrayExample<Label>(new Label(SUCCESS), named.keySet().toArray(String[]::new),
                    named.values().stream().mapToDouble(Double::doubleValue).toArray());
            Prediction<Label> prediction = model.predict(example);
            Label success = prediction.getOutputScores().get(SUCCESS);
            return success == null ? 0 : success.getScore();
        }
        int[] ids = new int[named.size()];
        double[] values = new double[named.size()];
        int k = 0;
        for (var e : named.entrySet()) {
            int id = linear.id(e.getKey());
            if (id >= 0) {
                ids[k] = id;
                values[k] = e.getValue();
                k++;
            }
        }
        return linearSuccess(ids, values, k);
    }

    /** Whether the model covers the case and was trained on its category (else it has no answer). */
    private boolean knows(RetryCase c) {
        return RetryOutcomeFeatures.covers(c) && model.getFeatureIDMap().get(c.category().name() + "|bias") != null;
    }

    /** The linear model's P(success) of the features {@code ids[0..k)} with {@code values[0..k)}. */
    private double linearSuccess(int[] ids, double[] values, int k) {
        return successOutput < 0 ? 0 : linear.probabilities(ids, values, k)[successOutput];
    }

    /** Whether the weights are scored directly (else through Tribuo). */
    boolean scoresWeightsDirectly() {
        return linear != null;
    }

    /** {@code oc-} + 12 hex digits of a SHA-256 over trainer, dataset and feature version. */
    public String version() {
        return version;
    }

    /** The Platt scaling applied to the linear model's probability. */
    public Calibration calibration() {
        return calibration;
    }

    public ModelProvenance provenance() {
        return model.getProvenance();
    }

    public OffsetDateTime trainedAt() {
        return model.getProvenance().getTrainingTime();
    }

    public void save(Path file) throws IOException {
        model.serializeToFile(file);
    }

    public static RetryOutcomeModel load(Path file) throws IOException {
        return of(Model.deserializeFromFile(file));
    }

    /** The model shipped in the jar. */
    public static RetryOutcomeModel bundled() {
        try (InputStream in = RetryOutcomeModel.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled retry-outcome model " + BUNDLED_RESOURCE + " is missing");
            }
            return of(Model.deserializeFromStream(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled retry-outcome model: " + e.getMessage(), e);
        }
    }

    private static RetryOutcomeModel of(Model<?> loaded) {
        if (!loaded.validate(Label.class)) {
            throw new IllegalArgumentException("not a classification model: " + loaded.getClass().getName());
        }
        return new RetryOutcomeModel(loaded.castModel(Label.class));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
