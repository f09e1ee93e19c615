package dev.autoremediate.model;

import dev.autoremediate.datasets.FailureTextGenerator;
import dev.autoremediate.datasets.LabelledErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The base training corpus of the failure classifier and the manifest that fixes it: paraphrases of every template of
 * {@link FailureTextGenerator} plus, optionally, the hand-written corpus {@link LabelledErrors#handwritten()}. The real
 * corpus {@link LabelledErrors#realDev()} is never part of it: it is what the model is scored on.
 *
 * @param generatorSeed     seed of the generator
 * @param generatorVariants paraphrases per template
 * @param handwritten       whether the hand-written corpus is included
 * @param trainedAt         the training time recorded in the model (a fixed input, so that retraining gives the same bytes)
 */
public record TrainingCorpus(long generatorSeed, int generatorVariants, boolean handwritten, Instant trainedAt) {

    /** The manifest of the bundled model, a classpath resource. */
    public static final String MANIFEST = "models/failure-classifier.manifest.properties";

    /** The bundled model, a classpath resource. */
    public static final String BUNDLED_MODEL = "models/failure-classifier.tribuo";

    /** The corpus named by {@link #MANIFEST}. */
    public static TrainingCorpus bundled() {
        try (InputStream in = TrainingCorpus.class.getClassLoader().getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException("resource " + MANIFEST + " is missing from the classpath");
            }
            var p = new Properties();
            p.load(in);
            return new TrainingCorpus(Long.parseLong(required(p, "generator.seed")),
                    Integer.parseInt(required(p, "generator.variants")), Boolean.parseBoolean(required(p, "handwritten")),
                    Instant.parse(required(p, "trained-at")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(MANIFEST + " has no " + key);
        }
        return value.strip();
    }

    /** The examples, generated ones first (grouped by template), then the hand-written ones. */
    public List<TrainingExample> examples() {
        var out = new ArrayList<TrainingExample>();
        FailureTextGenerator.bundled().generate(generatorVariants, generatorSeed)
                .forEach(g -> out.add(new TrainingExample(g.event(), g.category())));
        if (handwritten) {
            out.addAll(TrainingExample.fromCorpus(LabelledErrors.handwritten()));
        }
        return out;
    }

    /** Trains the classifier of this corpus (plus {@code extra} examples, e.g. from a decision store). */
    public FailureClassifier train(List<TrainingExample> extra) {
        var all = new ArrayList<>(examples());
        all.addAll(extra);
        return new FailureClassifierTrainer().train(all, trainedAt);
    }
}
