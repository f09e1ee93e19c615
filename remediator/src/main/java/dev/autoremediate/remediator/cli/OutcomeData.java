package dev.autoremediate.remediator.cli;

import dev.autoremediate.datasets.sim.RetryHistories;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.model.outcome.OutcomeExample;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.rules.RulePack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The examples of the outcome model: simulator histories, plus recorded failures and their retries' outcomes. */
final class OutcomeData {

    /** The defaults that built the bundled model. */
    static final long DEFAULT_SEED = 7;

    @Option(names = "--jobs", defaultValue = "2000", description = "Jobs of the simulated histories (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--days", defaultValue = "30", description = "Days of the simulated histories (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated histories (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--candidates", defaultValue = "4",
            description = "Configurations explored per simulated failure (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--failures", paramLabel = "F", description = "Recorded FailureEvent JSONL (with --outcomes).")
    Path failures;

    @Option(names = "--outcomes", paramLabel = "F",
            description = "Recorded JobOutcome JSONL: a retry's outcome is paired with the failure of the attempt before it.")
    Path outcomes;

    List<OutcomeExample> load(PrintWriter err) throws IOException {
        var examples = new ArrayList<>(OutcomeExample.fromSimulator(RetryHistories.generate(seed, jobs, days, candidates)));
        if ((failures == null) != (outcomes == null)) {
            throw new IllegalArgumentException("--failures and --outcomes go together");
        }
        if (failures != null) {
            examples.addAll(recorded(err));
        }
        return examples;
    }

    private List<OutcomeExample> recorded(PrintWriter err) throws IOException {
        var codec = new ContractCodec();
        var failureByAttempt = new HashMap<String, FailureEvent>();
        readLines(failures, "failures", err, line -> {
            FailureEvent e = codec.readFailureEvent(line);
            failureByAttempt.put(e.job().runId() + "#" + e.job().attempt(), e);
        });
        var classifier = new FailureClassifier(RulePack.bundled());
        var out = new ArrayList<OutcomeExample>();
        readLines(outcomes, "outcomes", err, line -> {
            JobOutcome o = codec.read(line, JobOutcome.class);
            FailureEvent before = failureByAttempt.get(o.runId() + "#" + (o.attempt() - 1));
            if (before != null) {
                out.add(OutcomeExample.recorded(o, before, classifier.classify(before).classification().category()));
            }
        });
        err.println("recorded retries paired with their failures: " + out.size());
        return out;
    }

    private interface LineHandler {
        void accept(String line);
    }

    private static void readLines(Path file, String what, PrintWriter err, LineHandler handler) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    handler.accept(line);
                } catch (InvalidEventException | IllegalArgumentException e) {
                    err.println(what + " line " + n + ": " + e.getMessage());
                }
            }
        }
    }

    Map<String, Object> describe() {
        return Map.of("jobs", jobs, "days", days, "seed", seed, "candidates", candidates);
    }
}
