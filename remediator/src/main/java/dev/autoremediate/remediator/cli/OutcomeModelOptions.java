package dev.autoremediate.remediator.cli;

import dev.autoremediate.model.outcome.RetryOutcomeModel;
import dev.autoremediate.tuner.ModelEstimator;
import dev.autoremediate.tuner.SuccessEstimator;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --outcome-model bundled|none|FILE}: the retry-outcome model of the offline commands that tune. */
final class OutcomeModelOptions {

    @Option(names = "--outcome-model", paramLabel = "bundled|none|FILE", defaultValue = "bundled",
            description = "The retry-outcome model the tuner scores candidates with: the bundled one (as the service "
                    + "runs), none (the tuner's heuristics), or a .tribuo file of `train outcome` (default "
                    + "${DEFAULT-VALUE}).")
    String outcomeModel = "bundled";

    /** The estimator of the chosen model, or {@code null} for {@code none} (the tuner's heuristics). */
    SuccessEstimator estimator() throws IOException {
        return switch (outcomeModel) {
            case "bundled" -> new ModelEstimator(RetryOutcomeModel.bundled());
            case "none" -> null;
            default -> new ModelEstimator(RetryOutcomeModel.load(Path.of(outcomeModel)));
        };
    }
}
