package dev.autoremediate.remediator.cli;

import dev.autoremediate.model.outcome.OutcomeEvaluation;
import dev.autoremediate.model.outcome.OutcomeExample;
import dev.autoremediate.model.outcome.OutcomeSplit;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import dev.autoremediate.model.outcome.RetryOutcomeTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code train outcome}: the retry-outcome model from simulated (and recorded) job-run histories. */
@Command(name = "outcome", mixinStandardHelpOptions = true,
        description = "Train the retry-outcome model on job-run histories of the simulator (and recorded retries), "
                + "held out by job id; print log-loss, AUC and a reliability table; write the .tribuo artifact. "
                + "The defaults rebuild the bundled model byte for byte.")
final class TrainOutcomeCommand implements Callable<Integer> {

    /** The training time recorded in the bundled model: fixed, so that retraining gives the same bytes. */
    static final String DEFAULT_TRAINED_AT = "2026-11-01T00:00:00Z";

    @Spec
    CommandSpec spec;

    @Mixin
    OutcomeData data;

    @Option(names = "--output", paramLabel = "F", defaultValue = "retry-outcome.tribuo",
            description = "Where to write the model (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--trained-at", defaultValue = DEFAULT_TRAINED_AT,
            description = "Training time recorded in the provenance (default ${DEFAULT-VALUE}).")
    Instant trainedAt;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<OutcomeExample> examples;
        try {
            examples = data.load(err);
        } catch (IllegalArgumentException e) {
            err.println("train outcome: " + e.getMessage());
            return 2;
        }
        OutcomeSplit split = OutcomeSplit.byJob(examples);
        RetryOutcomeModel model = new RetryOutcomeTrainer().train(split.train(), trainedAt);
        model.save(output);
        out.println("retry-outcome model " + model.version() + " written to " + output + " (sha256 "
                + sha256(output) + ")");
        out.println("data: " + data.describe() + "; " + split.train().size() + " training examples, "
                + split.test().size() + " held out (by job id)");
        out.println("calibration: " + model.calibration());
        out.println("held-out jobs:");
        try {
            out.print(OutcomeEvaluation.of(split.test(), e -> model.successProbability(e.asCase()).orElse(Double.NaN),
                    e -> e.retry().succeeded()).format());
        } catch (IllegalArgumentException nothing) {
            out.println("no held-out example the model covers: use more --jobs or --days");
        }
        out.flush();
        return 0;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
