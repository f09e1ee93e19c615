package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.tuner.SuccessEstimator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code decide}: like classify, with the config tuner's concrete changes. */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Like classify, but with the config changes of the config tuner: for Spark memory, Kryo and "
                + "broadcast-timeout failures the cheapest candidate configuration predicted to succeed, with the "
                + "prediction and the top candidates in the action. --history gives JobOutcome JSONL of earlier runs: "
                + "a job's last successful run (configuration and peak usage) sizes the change.")
final class DecideCommand extends OfflineDecisionCommand {

    @Option(names = "--history", paramLabel = "F", description = "JobOutcome JSONL of earlier runs.")
    Path historyFile;

    @Mixin
    OutcomeModelOptions outcomeModel = new OutcomeModelOptions();

    @Override
    SuccessEstimator outcomeModel() throws IOException {
        return outcomeModel.estimator();
    }

    @Override
    boolean tune() {
        return true;
    }

    @Override
    JobHistory history(PrintWriter err) throws IOException {
        if (historyFile == null) {
            return JobHistory.NONE;
        }
        var codec = new ContractCodec();
        var outcomes = new ArrayList<JobOutcome>();
        try (BufferedReader in = Files.newBufferedReader(historyFile, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    outcomes.add(codec.read(line, JobOutcome.class));
                } catch (InvalidEventException e) {
                    err.println("history line " + lineNo + ": " + e.getMessage());
                }
            }
        }
        return JobHistory.of(outcomes);
    }
}
