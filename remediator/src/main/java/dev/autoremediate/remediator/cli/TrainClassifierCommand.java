package dev.autoremediate.remediator.cli;

import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.model.ClassifierEvaluation;
import dev.autoremediate.model.FailureClassifier;
import dev.autoremediate.model.FailureClassifierTrainer;
import dev.autoremediate.model.TrainingCorpus;
import dev.autoremediate.model.TrainingExample;
import dev.autoremediate.remediator.training.StoredTrainingData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train classifier}: trains the failure classifier on the base corpus of the manifest (generated paraphrases
 * and the hand-written corpus) and, with {@code --from-store}, on the decision store's trusted decisions; writes the
 * {@code .tribuo} file and prints how it scores on the real corpus it never trained on. With the manifest's inputs
 * alone the file is byte for byte the bundled model.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = "Train the failure classifier and write its .tribuo file; prints its calibration and its scores "
                + "on the real error corpus (which it never trains on).")
final class TrainClassifierCommand implements Callable<Integer> {

    static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/db/autoremediate";

    @Spec
    CommandSpec spec;

    @Option(names = "--output", paramLabel = "F", defaultValue = "failure-classifier.tribuo",
            description = "Where to write the model (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--from-store",
            description = "Also train on the decision store's decisions whose category a rule gave or an outcome confirmed.")
    boolean fromStore;

    @Option(names = "--db-url", paramLabel = "URL", defaultValue = DEFAULT_DB_URL,
            description = "JDBC URL of the decision store (default: the embedded H2 database of `serve` in ./data).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "U", defaultValue = "sa", description = "Default: ${DEFAULT-VALUE}.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "P", defaultValue = "", description = "Default: empty.")
    String dbPassword;

    @Option(names = "--min-confidence", paramLabel = "P", defaultValue = "0.3",
            description = "The bar of the printed scores: below it an answer counts as UNKNOWN (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingCorpus corpus = TrainingCorpus.bundled();
        List<TrainingExample> base = corpus.examples();
        out.printf("base corpus (%s): %d examples (%d paraphrases per template, seed %d%s)%n", TrainingCorpus.MANIFEST,
                base.size(), corpus.generatorVariants(), corpus.generatorSeed(),
                corpus.handwritten() ? ", plus the hand-written corpus" : "");
        var all = new ArrayList<>(base);
        Instant trainedAt = corpus.trainedAt();
        if (fromStore) {
            StoredTrainingData.Result stored;
            try {
                stored = new StoredTrainingData(new DriverManagerDataSource(dbUrl, dbUser, dbPassword), new ContractCodec())
                        .read();
            } catch (SQLException | RuntimeException e) {
                err.println("train classifier: cannot read the decision store at " + dbUrl + ": " + e.getMessage());
                return 1;
            }
            stored.skipped().forEach(s -> err.println("train classifier: skipped decision " + s));
            out.printf("decision store %s: %d labelled failures (rule decisions and confirmed outcomes), %d skipped%n",
                    dbUrl, stored.examples().size(), stored.skipped().size());
            all.addAll(stored.examples());
            if (stored.latest().isAfter(trainedAt)) {
                trainedAt = stored.latest();
            }
        }
        FailureClassifier model = new FailureClassifierTrainer().train(all, trainedAt);
        try {
            model.save(output);
        } catch (IOException e) {
            err.println("train classifier: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
        var instance = model.provenance().getInstanceProvenance().getMap();
        out.printf("model %s: %d examples, trained at %s, calibration temperature %.4f (%s)%n", model.modelVersion(),
                all.size(), model.trainedAt(), model.temperature(), instance.get(FailureClassifierTrainer.CALIBRATION_KEY));
        out.printf("wrote %s%n", output.toAbsolutePath());
        var real = TrainingExample.fromCorpus(LabelledErrors.realDev());
        out.print(ClassifierEvaluation.of(model, real, minConfidence).format(String.format(java.util.Locale.ROOT,
                "%nscores on %s (never trained on), answers below %.2f count as UNKNOWN:", LabelledErrors.REAL_DEV,
                minConfidence)));
        out.flush();
        return 0;
    }
}
