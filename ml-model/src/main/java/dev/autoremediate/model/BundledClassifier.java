package dev.autoremediate.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The failure classifier that ships inside the jar ({@value TrainingCorpus#BUNDLED_MODEL}). */
public final class BundledClassifier {

    private BundledClassifier() {
    }

    /**
     * Loads the bundled model (about a second; load it once and share it).
     *
     * @throws IllegalStateException when the resource is missing or unreadable (a broken build)
     */
    public static FailureClassifier load() {
        try (InputStream in = BundledClassifier.class.getClassLoader().getResourceAsStream(TrainingCorpus.BUNDLED_MODEL)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TrainingCorpus.BUNDLED_MODEL + " is missing from the classpath");
            }
            return FailureClassifier.load(in, TrainingCorpus.BUNDLED_MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled model " + TrainingCorpus.BUNDLED_MODEL, e);
        }
    }
}
