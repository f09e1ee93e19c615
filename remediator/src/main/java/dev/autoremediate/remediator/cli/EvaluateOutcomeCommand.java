package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.model.outcome.OutcomeEvaluation;
import dev.autoremediate.model.outcome.OutcomeExample;
import dev.autoremediate.model.outcome.OutcomeSplit;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import dev.autoremediate.tuner.HeuristicEstimator;
import dev.autoremediate.tuner.TuningRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evaluate outcome}: the retry-outcome model (and the tuner's heuristics) on held-out jobs. */
@Command(name = "outcome", mixinStandardHelpOptions = true,
        description = "Score the retry-outcome model on the held-out jobs of the simulated histories (and recorded "
                + "retries): log-loss, AUC, Brier, a reliability table, per category; the tuner's heuristics beside it.")
final class EvaluateOutcomeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OutcomeData data;

    @Option(names = "--model", paramLabel = "F", description = "A .tribuo model instead of the bundled one.")
    Path modelFile;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RetryOutcomeModel model;
        List<OutcomeExample> examples;
        try {
            model = modelFile == null ? RetryOutcomeModel.bundled() : RetryOutcomeModel.load(modelFile);
            examples = data.load(err);
        } catch (IllegalArgumentException e) {
            err.println("evaluate outcome: " + e.getMessage());
            return 2;
        }
        List<OutcomeExample> test = OutcomeSplit.byJob(examples).test();
        var heuristic = new HeuristicEstimator();
        ToDoubleFunction<OutcomeExample> byModel = e -> model.successProbability(e.asCase()).orElse(Double.NaN);
        ToDoubleFunction<OutcomeExample> byHeuristic = e -> heuristic.estimate(TuningRequest.of(e.failed(), e.category(),
                e.lastSuccess(), List.of()), e.retry().config()).orElse(Double.NaN);
        out.println("retry-outcome model " + model.version() + " (trained " + model.trainedAt() + ")");
        out.println("data: " + data.describe() + "; " + test.size() + " examples of held-out jobs");
        out.println("== model");
        out.print(format(test, byModel));
        out.println("== the tuner's heuristics, same examples");
        out.print(format(test, byHeuristic));
        out.println("== per category: examples, success rate, model log-loss / AUC / ECE, heuristics log-loss / AUC / ECE");
        Map<FailureCategory, List<OutcomeExample>> byCategory = new TreeMap<>();
        test.forEach(e -> byCategory.computeIfAbsent(e.category(), c -> new java.util.ArrayList<>()).add(e));
        byCategory.forEach((category, list) -> out.println(String.format(Locale.ROOT, "  %-20s %6d  %.3f  %s   %s",
                category, list.size(), list.stream().filter(e -> e.retry().succeeded()).count() / (double) list.size(),
                brief(list, byModel), brief(list, byHeuristic))));
        out.flush();
        return 0;
    }

    private static String format(List<OutcomeExample> examples, ToDoubleFunction<OutcomeExample> estimator) {
        try {
            return OutcomeEvaluation.of(examples, estimator, e -> e.retry().succeeded()).format();
        } catch (IllegalArgumentException nothing) {
            return "no example it gives a probability for\n";
        }
    }

    private static String brief(List<OutcomeExample> examples, ToDoubleFunction<OutcomeExample> estimator) {
        try {
            OutcomeEvaluation e = OutcomeEvaluation.of(examples, estimator, x -> x.retry().succeeded());
            return String.format(Locale.ROOT, "%.4f / %.4f / %.4f", e.logLoss(), e.auc(), e.ece());
        } catch (IllegalArgumentException nothing) {
            return "       -       ";
        }
    }
}
