package dev.autoremediate.remediator.simulation;

import dev.autoremediate.datasets.sim.JobPlatform;
import dev.autoremediate.datasets.sim.JobPopulation;
import dev.autoremediate.datasets.sim.Oracle;
import dev.autoremediate.datasets.sim.SimJob;
import dev.autoremediate.datasets.sim.Simulation;
import dev.autoremediate.datasets.sim.StrategyReport;
import dev.autoremediate.ingest.contract.Decision;
import java.time.Duration;
import java.util.List;

/**
 * The simulator against a running service through Kafka: the service decides (its rules, policy, tuner and store),
 * the simulator plays the scheduler and the platform, and the summary compares the service with the oracle on the
 * same jobs (computed offline).
 */
public final class KafkaSimulation {

    private final String bootstrapServers;
    private final KafkaRetryStrategy.Topics topics;
    private final int maxAttemptsPerRun;
    private final long maxContainerMb;
    private final Duration timeout;

    public KafkaSimulation(String bootstrapServers, KafkaRetryStrategy.Topics topics, int maxAttemptsPerRun,
            long maxContainerMb, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.maxAttemptsPerRun = maxAttemptsPerRun;
        this.maxContainerMb = maxContainerMb;
        this.timeout = timeout;
    }

    /**
     * @param runTag makes this run's event ids new to the service (it dedupes on them)
     */
    public Result run(long seed, int jobs, int days, String runTag) {
        List<SimJob> population = JobPopulation.generate(seed, jobs);
        var platform = new JobPlatform(seed);
        var simulation = new Simulation(platform, population, days, maxAttemptsPerRun);
        try (var service = new KafkaRetryStrategy(bootstrapServers, topics, "service-" + runTag, timeout)) {
            StrategyReport report = simulation.run(service, service::report);
            StrategyReport oracle = simulation.run(new Oracle(platform, population, maxContainerMb));
            List<Decision> decisions = service.decisions();
            Double meanPredicted = decisions.stream().filter(d -> d.action().predictedSuccess() != null)
                    .mapToDouble(d -> d.action().predictedSuccess()).average().stream().boxed().findFirst().orElse(null);
            return new Result(seed, jobs, days, decisions.size(), service.unanswered(),
                    List.of(SimulationSummary.result(report, oracle, oracle, meanPredicted),
                            SimulationSummary.result(oracle, oracle, oracle, null)));
        }
    }

    /**
     * @param decisions  decisions the service sent back
     * @param unanswered failures whose decision or retry command did not come within the timeout
     * @param strategies the service, then the oracle (doomedRetriesAvoided is relative to the oracle here: 0 at best)
     */
    public record Result(long seed, int jobs, int days, int decisions, int unanswered,
            List<SimulationSummary.Result> strategies) {
    }
}
