package dev.autoremediate.model;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;

/**
 * A trained failure-category model: {@link FailureFeatures} in, a {@link FailureCategory} with its probability out.
 * Immutable and safe to share between threads. Made by {@link FailureClassifierTrainer} or {@link #load(Path)}.
 *
 * <p>The {@link #modelVersion()} is {@code fc-} and the first 12 hex digits of a SHA-256 over the model's provenance:
 * model class, trainer and its settings, dataset (which names a hash of the training examples) and feature-extractor
 * version. The training time is left out, so retraining the same examples with the same code gives the same version,
 * and a saved and loaded model keeps it.
 */
public final class FailureClassifier {

    private final Model<Label> model;
    private final FailureFeatures features;
    private final String modelVersion;
    private final double temperature;
    /** Scores a logistic regression without Tribuo's per-example objects; null for other models. */
    private final LinearScorer linear;
    /** The category of each of the model's outputs, by output id. */
    private final FailureCategory[] categoryOfOutput;

    FailureClassifier(Model<Label> model, FailureFeatures features) {
        this.model = Objects.requireNonNull(model, "model");
        this.features = Objects.requireNonNull(features, "features");
        this.modelVersion = versionOf(model.getProvenance());
        this.temperature = temperatureOf(model.getProvenance());
        this.linear = LinearScorer.of(model);
        var outputs = model.getOutputIDInfo();
        this.categoryOfOutput = new FailureCategory[outputs.size()];
        for (int i = 0; i < categoryOfOutput.length; i++) {
            categoryOfOutput[i] = FailureCategory.valueOf(outputs.getOutput(i).getLabel());
        }
    }

    /**
     * The most probable category of {@code event} and its calibrated probability; {@code UNKNOWN} with confidence 0
     * when the event shares no feature of its text or exception class with the model (nothing it learnt applies).
     */
    public ModelPrediction predict(FailureEvent event) {
        Map<FailureCategory, Double> distribution = distribution(event);
        if (distribution.isEmpty()) {
            return new ModelPrediction(FailureCategory.UNKNOWN, 0.0, modelVersion);
        }
        var best = distribution.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        return new ModelPrediction(best.getKey(), Math.max(0.0, Math.min(1.0, best.getValue())), modelVersion);
    }

    /**
     * The calibrated probability of every category the model knows (they sum to 1), or an empty map when the event
     * shares no feature of its text or exception class with the model. Calibration is temperature scaling of the logistic regression's probabilities:
     * p'ᵢ ∝ pᵢ^(1/T), with T fitted on groups of jobs held out of training ({@link #temperature()}).
     */
    public Map<FailureCategory, Double> distribution(FailureEvent event) {
        return distribution(event, linear == null);
    }

    /**
     * @param throughTribuo whether to predict through {@link Model#predict} (the general way) rather than score the
     *                      logistic regression's weights directly ({@link LinearScorer}: the same numbers in the same
     *                      order; BundledClassifierTest compares them)
     */
    Map<FailureCategory, Double> distribution(FailureEvent event, boolean throughTribuo) {
        if (throughTribuo || linear == null) {
            String[] names = features.names(event);
            ImmutableFeatureMap known = model.getFeatureIDMap();
            boolean knowsText = false;
            for (String name : names) {
                if (known.getID(name) >= 0 && isTextFeature(name)) {
                    knowsText = true;
                    break;
                }
            }
            if (!knowsText) {
                return Map.of();
            }
            Prediction<Label> prediction = model.predict(example(names));
            return calibrate(prediction.getOutputScores(), temperature);
        }
        // the names as characters, looked up without a String each (the same ids as the names' Strings would give)
        FeatureNames names = features.collect(event);
        int count = names.count();
        int[] ids = new int[count];
        int k = 0;
        boolean knowsText = false;
        for (int i = 0; i < count; i++) {
            int id = linear.id(names.chars(), names.start(i), names.end(i), names.hash(i));
            if (id >= 0) {
                ids[k++] = id;
                knowsText |= isTextFeature(names, i);
            }
        }
        if (!knowsText) {
            return Map.of();
        }
        double[] scores = linear.probabilities(ids, k, FailureFeatures.value(count));
        var raw = new java.util.EnumMap<FailureCategory, Double>(FailureCategory.class);
        for (int i = 0; i < categoryOfOutput.length; i++) {
            raw.put(categoryOfOutput[i], scores[i]);
        }
        return calibrate(raw, temperature);
    }

    /** Whether {@link #distribution} scores the logistic regression's weights directly (else through Tribuo). */
    boolean scoresWeightsDirectly() {
        return linear != null;
    }

    /**
     * The features of {@code event} that speak most for {@code category} under the model: the largest positive
     * products of weight and feature value (Tribuo's excuse of the linear model), at most {@code limit}, best first.
     * Empty when the event shares no feature with the model.
     */
    public List<String> explain(FailureEvent event, FailureCategory category, int limit) {
        return explain(event, category, limit, linear == null);
    }

    /**
     * @param throughTribuo whether to ask Tribuo's {@link Model#getExcuse} (the general way) rather than multiply the
     *                      logistic regression's weights directly (the same products; BundledClassifierTest compares
     *                      the two)
     */
    List<String> explain(FailureEvent event, FailureCategory category, int limit, boolean throughTribuo) {
        java.util.Comparator<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>> best = java.util.Comparator
                .comparingDouble((com.oracle.labs.mlrg.olcut.util.Pair<String, Double> pair) -> -pair.getB())
                .thenComparing(com.oracle.labs.mlrg.olcut.util.Pair::getA);
        if (throughTribuo || linear == null) {
            String[] names = features.names(event);
            var named = java.util.Set.of(names);
            return model.getExcuse(example(names))
                    .map(excuse -> excuse.excuse(category.name()))
                    .orElse(List.of())
                    .stream()
                    .filter(pair -> pair.getB() > 0 && !Model.BIAS_FEATURE.equals(pair.getA()) && named.contains(pair.getA()))
                    .sorted(best)
                    .limit(Math.max(0, limit))
                    .map(com.oracle.labs.mlrg.olcut.util.Pair::getA)
                    .toList();
        }
        // Tribuo's excuse of a feature is its weight for the output times its value: only the positive ones are named
        int output = outputOf(category);
        if (output < 0 || limit <= 0) {
            return List.of();
        }
        FeatureNames names = features.collect(event);
        double value = FailureFeatures.value(names.count());
        var speaking = new java.util.ArrayList<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>();
        for (int i = 0; i < names.count(); i++) {
            int id = linear.id(names.chars(), names.start(i), names.end(i), names.hash(i));
            if (id >= 0) {
                double score = linear.weight(id, output) * value;
                if (score > 0) {
                    speaking.add(new com.oracle.labs.mlrg.olcut.util.Pair<>(names.name(i), score));
                }
            }
        }
        speaking.sort(best);
        return speaking.stream().limit(limit).map(com.oracle.labs.mlrg.olcut.util.Pair::getA).toList();
    }

    /** The model's output id of {@code category}, or -1 when the model does not know it. */
    private int outputOf(FailureCategory category) {
        for (int i = 0; i < categoryOfOutput.length; i++) {
            if (categoryOfOutput[i] == category) {
                return i;
            }
        }
        return -1;
    }

    /** An example of the features named (distinct), each of the value {@link FailureFeatures#value}. */
    private static ArrayExample<Label> example(String[] names) {
        double[] values = new double[names.length];
        java.util.Arrays.fill(values, FailureFeatures.value(names.length));
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values);
    }

    /** Features of the failure's text and exception class: without one the model knows, it has nothing to go on. */
    private static boolean isTextFeature(String name) {
        return name.startsWith("w=") || name.startsWith("b=") || name.startsWith("exc=") && !name.equals("exc=none");
    }

    /** {@link #isTextFeature(String)} of name {@code i} of {@code names}. */
    private static boolean isTextFeature(FeatureNames names, int i) {
        return names.startsWith(i, "w=") || names.startsWith(i, "b=")
                || names.startsWith(i, "exc=") && !names.is(i, "exc=none");
    }

    /** Temperature scaling of raw probabilities (label name → Label with its score), result in enum order. */
    static Map<FailureCategory, Double> calibrate(Map<String, Label> scores, double temperature) {
        var raw = new java.util.EnumMap<FailureCategory, Double>(FailureCategory.class);
        scores.forEach((name, label) -> raw.put(FailureCategory.valueOf(name), label.getScore()));
        return calibrate(raw, temperature);
    }

    /** Temperature scaling of raw probabilities by category (enum order), result in enum order. */
    static Map<FailureCategory, Double> calibrate(java.util.EnumMap<FailureCategory, Double> scores, double temperature) {
        var logits = new java.util.EnumMap<FailureCategory, Double>(FailureCategory.class);
        double max = Double.NEGATIVE_INFINITY;
        for (var e : scores.entrySet()) {
            double logit = Math.log(Math.max(1e-300, e.getValue())) / temperature;
            logits.put(e.getKey(), logit);
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (var e : logits.entrySet()) {
            double v = Math.exp(e.getValue() - max);
            e.setValue(v);
            sum += v;
        }
        final double total = sum;
        logits.replaceAll((k, v) -> v / total);
        return logits;
    }

    /** The calibration temperature T (1 = the raw probabilities; above 1 softens over-confident scores). */
    public double temperature() {
        return temperature;
    }

    /** {@code fc-} and 12 hex digits; see the class comment. */
    public String modelVersion() {
        return modelVersion;
    }

    /** The trainer's class name as the provenance records it, e.g. Tribuo's {@code LogisticRegressionTrainer}. */
    public String trainerClassName() {
        return model.getProvenance().getTrainerProvenance().getClassName();
    }

    /** When the model was trained. */
    public Instant trainedAt() {
        return model.getProvenance().getTrainingTime().toInstant();
    }

    /** The categories the model can answer. */
    public Set<FailureCategory> categories() {
        return model.getOutputIDInfo().getDomain().stream()
                .map(label -> FailureCategory.valueOf(label.getLabel()))
                .collect(Collectors.toCollection(() -> new TreeSet<>()));
    }

    /** Tribuo's full provenance of the model (trainer, settings, dataset, time, feature-extractor version). */
    public ModelProvenance provenance() {
        return model.getProvenance();
    }

    /** Writes the model as a Tribuo protobuf file ({@code .tribuo}), provenance included. */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        model.serializeToFile(file);
    }

    /** The bytes {@link #save(Path)} writes. */
    public byte[] toBytes() {
        return model.serialize().toByteArray();
    }

    /** Reads a model from a stream of the bytes {@link #save(Path)} writes (e.g. a classpath resource). */
    public static FailureClassifier load(InputStream in, String name) throws IOException {
        Objects.requireNonNull(in, "in");
        Model<?> loaded;
        try {
            loaded = Model.deserializeFromStream(in);
        } catch (RuntimeException e) {
            throw new IOException(name + " is not a Tribuo model: " + e.getMessage(), e);
        }
        return checked(loaded, name);
    }

    /**
     * Reads a model written by {@link #save(Path)}.
     *
     * @throws IOException              when the file cannot be read or is not a Tribuo model
     * @throws IllegalArgumentException when it is a model, but not a failure classifier of this feature version
     */
    public static FailureClassifier load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Model<?> loaded;
        try {
            loaded = Model.deserializeFromFile(file);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a Tribuo model: " + e.getMessage(), e);
        }
        return checked(loaded, file.toString());
    }

    private static FailureClassifier checked(Model<?> loaded, String file) {
        Model<Label> model;
        try {
            model = loaded.castModel(Label.class);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(file + " is not a classification model: " + e.getMessage(), e);
        }
        Provenance extractor = model.getProvenance().getInstanceProvenance().getMap()
                .get(FailureClassifierTrainer.FEATURE_EXTRACTOR_KEY);
        String version = extractor instanceof StringProvenance string ? string.getValue() : null;
        if (!FailureFeatures.VERSION.equals(version)) {
            throw new IllegalArgumentException(file + " was trained with feature extractor " + version
                    + ", this code extracts " + FailureFeatures.VERSION);
        }
        var names = Arrays.stream(FailureCategory.values()).map(Enum::name).collect(Collectors.toSet());
        for (Label label : model.getOutputIDInfo().getDomain()) {
            if (!names.contains(label.getLabel())) {
                throw new IllegalArgumentException(file + " predicts '" + label.getLabel() + "', not a failure category");
            }
        }
        return new FailureClassifier(model, new FailureFeatures());
    }

    static double temperatureOf(ModelProvenance provenance) {
        Provenance p = provenance.getInstanceProvenance().getMap().get(FailureClassifierTrainer.TEMPERATURE_KEY);
        if (p instanceof StringProvenance string) {
            try {
                double t = Double.parseDouble(string.getValue());
                return t > 0 && Double.isFinite(t) ? t : 1.0;
            } catch (NumberFormatException e) {
                return 1.0;
            }
        }
        return 1.0;
    }

    static String versionOf(ModelProvenance provenance) {
        String stable = provenance.getClassName() + "\n" + provenance.getTrainerProvenance() + "\n"
                + provenance.getDatasetProvenance() + "\n" + provenance.getInstanceProvenance();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(stable.getBytes(StandardCharsets.UTF_8));
            return "fc-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "FailureClassifier[" + modelVersion + ", " + trainerClassName() + ", " + categories().size()
                + " categories, T=" + temperature + "]";
    }
}
