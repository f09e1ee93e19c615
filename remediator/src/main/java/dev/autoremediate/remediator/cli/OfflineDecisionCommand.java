package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.pipeline.ModelFallback;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.rules.RulePackException;
import dev.autoremediate.tuner.SuccessEstimator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code classify} and {@code decide} share: open input and output, load the pack, run, report. */
abstract class OfflineDecisionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OfflineOptions options;

    abstract boolean tune();

    /** The retry-outcome model the tuner scores candidates with; {@code null} for none. */
    SuccessEstimator outcomeModel() throws IOException {
        return null;
    }

    /** The job history to use; may print problems to {@code err}. */
    JobHistory history(PrintWriter err) throws IOException {
        return JobHistory.NONE;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        var codec = new ContractCodec();
        RemediationPolicy policy;
        try {
            policy = new RemediationPolicy(PolicySettings.DEFAULT, Clock.systemUTC(), outcomeModel());
        } catch (IOException | RuntimeException e) {
            err.println(spec.name() + ": cannot load the retry-outcome model: " + e.getMessage());
            return 1;
        }
        FailureClassifier classifier;
        Optional<ModelFallback> model;
        try {
            model = options.modelFallback();
        } catch (IOException | IllegalArgumentException e) {
            err.println(spec.name() + ": --model " + options.classifierModel.model + ": " + e.getMessage());
            return 2;
        }
        try {
            classifier = new FailureClassifier(options.rulePack(), model);
        } catch (RulePackException e) {
            err.println(spec.name() + ": the rule pack does not compile:");
            e.problems().forEach(p -> err.println("  " + p.file() + ":" + p.line() + ": " + p.message()));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(spec.name() + ": --rules " + e.getMessage());
            return 2;
        }
        JobHistory history;
        try {
            history = history(err);
        } catch (IOException e) {
            err.println(spec.name() + ": cannot read the history: " + e.getMessage());
            return 1;
        }
        var decider = new JsonLinesDecider(codec, classifier, policy, tune(), history);
        try (InputStream in = options.openInputStream(); Writer out = options.openOutput()) {
            decider.run(in, out, err);
            return 0;
        } catch (IOException e) {
            err.println(spec.name() + ": cannot read " + options.input + " or write " + options.output + ": " + e);
            return 1;
        }
    }
}
