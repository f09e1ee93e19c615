package dev.autoremediate.remediator.cli;

import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.model.BundledClassifier;
import dev.autoremediate.model.ClassifierEvaluation;
import dev.autoremediate.model.CrossValidation;
import dev.autoremediate.model.FailureClassifier;
import dev.autoremediate.model.GroupSplit;
import dev.autoremediate.model.TrainingCorpus;
import dev.autoremediate.model.TrainingExample;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate classifier}: per-category precision, recall and F1, macro-F1, the confusion matrix and the
 * calibration (reliability table, ECE) of the failure classifier: (1) the model on labelled errors it never trained on
 * (the bundled real corpus unless {@code --input}); (2) grouped k-fold cross-validation trained on that file alone;
 * (3) the base training corpus with one fold of jobs held out. Every split is by job id, with fixed seeds.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Score the failure classifier: on labelled errors it never trained on, cross-validated on that "
                + "file (folds by job id), and on held-out jobs of its training corpus.")
final class EvaluateClassifierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "A .tribuo file of `train classifier` (default: the bundled model).")
    Path model;

    @Option(names = "--input", paramLabel = "F",
            description = "Labelled errors, JSONL of the corpus format (datasets corpora/README.md); default: the bundled real corpus.")
    Path input;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0.3",
            description = "Below this calibrated probability an answer counts as UNKNOWN (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Folds of the cross-validation on the input (0: skip it; default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "12345", description = "Seed of the folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--with-base",
            description = "In (2), also train each fold on the base training corpus (about 20 s per fold).")
    boolean withBase;

    @Option(names = "--skip-corpus-holdout", description = "Skip (3), which trains on four fifths of the base corpus (about 20 s).")
    boolean skipCorpusHoldout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FailureClassifier classifier;
        List<TrainingExample> labelled;
        try {
            classifier = model == null ? BundledClassifier.load() : FailureClassifier.load(model);
            labelled = TrainingExample.fromCorpus(input == null ? LabelledErrors.realDev() : LabelledErrors.read(input));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("evaluate classifier: " + e.getMessage());
            return 2;
        }
        if (folds == 1 || folds < 0) {
            err.println("evaluate classifier: --folds must be 0 or at least 2");
            return 2;
        }
        String name = input == null ? LabelledErrors.REAL_DEV : input.toString();
        out.printf(Locale.ROOT, "model %s (%s), calibration temperature %.4f, trained at %s%n", classifier.modelVersion(),
                model == null ? "bundled" : model, classifier.temperature(), classifier.trainedAt());
        out.print(ClassifierEvaluation.of(classifier, labelled, minConfidence).format(String.format(Locale.ROOT,
                "%n(1) on %s, never trained on; answers below %.2f count as UNKNOWN", name, minConfidence)));
        out.flush();
        if (folds >= 2) {
            TrainingCorpus corpus = TrainingCorpus.bundled();
            var cv = new CrossValidation(new GroupSplit(folds, seed), minConfidence)
                    .run(labelled, withBase ? corpus.examples() : List.of(), corpus.trainedAt());
            out.print(cv.format(String.format(Locale.ROOT, "%n(2) %d-fold cross-validation on %s%s, folds by job id (seed %d)",
                    folds, name, withBase ? " plus the base corpus in every fold's training" : " alone", seed)));
            out.flush();
        }
        if (!skipCorpusHoldout) {
            TrainingCorpus corpus = TrainingCorpus.bundled();
            var held = new CrossValidation(new GroupSplit(5, seed), minConfidence).heldOut(corpus.examples(), corpus.trainedAt());
            out.print(held.format(String.format(Locale.ROOT,
                    "%n(3) base training corpus, jobs of fold 0 of 5 (seed %d) held out: unseen templates", seed)));
        }
        out.flush();
        return 0;
    }
}
