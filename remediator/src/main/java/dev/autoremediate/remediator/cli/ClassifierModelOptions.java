package dev.autoremediate.remediator.cli;

import dev.autoremediate.model.BundledClassifier;
import dev.autoremediate.remediator.pipeline.ModelFallback;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --model FILE|none} and {@code --min-confidence P}: the classifier model of every offline command. */
final class ClassifierModelOptions {

    @Option(names = "--model", paramLabel = "FILE|none",
            description = "The failure classifier asked when no rule matches, as the service does: a .tribuo file of "
                    + "`train classifier`, or none for rules only. Default: the bundled model.")
    String model;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0.3",
            description = "Below this calibrated probability the model's answer counts as UNKNOWN (default: "
                    + "${DEFAULT-VALUE}).")
    double minConfidence = 0.3;

    /**
     * The model to ask when no rule matches, or empty for {@code --model none}; {@link IOException} or
     * {@link IllegalArgumentException} when the file is not a failure classifier.
     */
    Optional<ModelFallback> fallback() throws IOException {
        if ("none".equalsIgnoreCase(model)) {
            return Optional.empty();
        }
        var loaded = model == null ? BundledClassifier.load() : dev.autoremediate.model.FailureClassifier.load(Path.of(model));
        return Optional.of(new ModelFallback(loaded, minConfidence));
    }
}
