package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.simulation.KafkaRetryStrategy;
import dev.autoremediate.remediator.simulation.KafkaSimulation;
import dev.autoremediate.remediator.simulation.OfflineSimulation;
import dev.autoremediate.remediator.simulation.SimulationSummary;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.rules.RulePackException;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import dev.autoremediate.tuner.ModelEstimator;
import dev.autoremediate.tuner.SuccessEstimator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code simulate}: the job-platform simulator against the tuned policy, the baselines and the oracle. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate N jobs for D days (seeded) and print a JSON summary: the tuned policy, the baselines "
                + "(plain retry, double the memory, Maestro's default) and the oracle on the same jobs. Offline: starts "
                + "no server, broker or database.")
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", defaultValue = "1000", description = "Jobs in the population (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--days", defaultValue = "30", description = "Days simulated (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulator (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--heuristic-only", description = "Tune without the outcome model.")
    boolean heuristicOnly;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Drive a running service through Kafka instead of the offline pipeline: produce failures and "
                    + "outcomes, consume its decisions and retry commands.")
    String bootstrapServers;

    @Option(names = "--timeout", defaultValue = "PT30S",
            description = "With --bootstrap-servers: how long to wait for each decision (default ${DEFAULT-VALUE}).")
    java.time.Duration timeout;

    @Option(names = "--model", paramLabel = "F",
            description = "A retry-outcome model (.tribuo) to tune with instead of the bundled one.")
    Path modelFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jobs < 1 || days < 1) {
            err.println("simulate: --jobs and --days must be at least 1");
            return 2;
        }
        if (bootstrapServers != null) {
            var kafka = new KafkaSimulation(bootstrapServers, KafkaRetryStrategy.Topics.DEFAULT,
                    PolicySettings.DEFAULT.maxAttemptsPerRun(), PolicySettings.DEFAULT.guardRails().maxContainerMemoryMb(),
                    timeout);
            KafkaSimulation.Result result = kafka.run(seed, jobs, days, Long.toString(System.currentTimeMillis(), 36));
            out.println(new ContractCodec().write(result));
            out.flush();
            if (result.unanswered() > 0) {
                err.println("simulate: " + result.unanswered() + " failures got no decision or retry command within "
                        + timeout);
                return 1;
            }
            return 0;
        }
        FailureClassifier classifier;
        try {
            classifier = new FailureClassifier(RulePack.bundled());
        } catch (RulePackException e) {
            err.println("simulate: the bundled rule pack does not compile: " + e.getMessage());
            return 2;
        }
        // decisions carry a fixed time so that the same seed gives the same summary
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        SuccessEstimator model = null;
        if (!heuristicOnly) {
            try {
                model = new ModelEstimator(modelFile == null ? RetryOutcomeModel.bundled() : RetryOutcomeModel.load(modelFile));
            } catch (IOException | RuntimeException e) {
                err.println("simulate: cannot load the retry-outcome model: " + e.getMessage());
                return 1;
            }
        }
        var simulation = new OfflineSimulation(classifier, PolicySettings.DEFAULT, model, clock);
        SimulationSummary summary = simulation.run(seed, jobs, days);
        out.println(new ContractCodec().write(summary));
        out.flush();
        return 0;
    }
}
