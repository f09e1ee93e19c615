package dev.autoremediate.remediator.simulation;

import dev.autoremediate.datasets.sim.JobPlatform;
import dev.autoremediate.datasets.sim.JobPopulation;
import dev.autoremediate.datasets.sim.Oracle;
import dev.autoremediate.datasets.sim.RetryStrategy;
import dev.autoremediate.datasets.sim.SimJob;
import dev.autoremediate.datasets.sim.Simulation;
import dev.autoremediate.datasets.sim.StrategyReport;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.tuner.SuccessEstimator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The offline simulation: the same population and days under the tuned policy (with the outcome model when one is
 * given, and with the heuristics alone), the baselines (plain retry, double the memory, Maestro's default) and the
 * oracle. Deterministic for a seed.
 */
public final class OfflineSimulation {

    private final FailureClassifier classifier;
    private final PolicySettings settings;
    private final SuccessEstimator model;
    private final Clock clock;

    /**
     * @param model the outcome model for the tuned policy, or {@code null} (then only the heuristic tuned policy runs)
     */
    public OfflineSimulation(FailureClassifier classifier, PolicySettings settings, SuccessEstimator model, Clock clock) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = model;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SimulationSummary run(long seed, int jobs, int days) {
        List<SimJob> population = JobPopulation.generate(seed, jobs);
        var platform = new JobPlatform(seed);
        var simulation = new Simulation(platform, population, days, settings.maxAttemptsPerRun());
        var tuned = new ArrayList<PipelineStrategy>();
        if (model != null) {
            tuned.add(new PipelineStrategy("tuned", classifier, new RemediationPolicy(settings, clock, model)));
        }
        tuned.add(new PipelineStrategy(model != null ? "tuned-heuristic" : "tuned", classifier,
                new RemediationPolicy(settings, clock)));
        var baselines = List.of(Baselines.plainRetry(classifier),
                Baselines.doubleMemory(classifier, settings.guardRails().maxContainerMemoryMb()),
                Baselines.maestroDefault());
        var oracle = new Oracle(platform, population, settings.guardRails().maxContainerMemoryMb());

        Map<RetryStrategy, StrategyReport> reports = new LinkedHashMap<>();
        tuned.forEach(s -> reports.put(s, simulation.run(s)));
        baselines.forEach(s -> reports.put(s, simulation.run(s)));
        reports.put(oracle, simulation.run(oracle));

        StrategyReport oracleReport = reports.get(oracle);
        StrategyReport maestroReport = reports.get(baselines.get(2));
        var results = new ArrayList<SimulationSummary.Result>();
        reports.forEach((strategy, report) -> results.add(SimulationSummary.result(report, oracleReport, maestroReport,
                strategy instanceof PipelineStrategy p ? meanPredicted(p.decisions()) : null)));

        StrategyReport best = reports.get(tuned.get(0));
        boolean ahead = true;
        for (RetryStrategy b : baselines) {
            StrategyReport r = reports.get(b);
            ahead &= best.memoryFixedOnFirstRetryShare() >= r.memoryFixedOnFirstRetryShare()
                    || best.retryGbHours() < r.retryGbHours() && best.memoryFixedOnFirstRetryShare()
                    >= r.memoryFixedOnFirstRetryShare() - 0.05;
            ahead &= best.retryGbHours() <= r.retryGbHours() || best.memoryFixedOnFirstRetryShare()
                    > r.memoryFixedOnFirstRetryShare() + 0.05;
            ahead &= best.doomedRetries() <= r.doomedRetries();
        }
        var targets = new SimulationSummary.Targets(best.memoryFixedOnFirstRetryShare() >= 0.9,
                best.retryGbHours() <= 1.2 * oracleReport.retryGbHours(), ahead);
        return new SimulationSummary(seed, jobs, days, settings.maxAttemptsPerRun(), best.failures(),
                best.failuresByCategory(), results, targets);
    }

    private static Double meanPredicted(List<Decision> decisions) {
        return decisions.stream().filter(d -> d.action().predictedSuccess() != null)
                .mapToDouble(d -> d.action().predictedSuccess()).average().stream().boxed().findFirst().orElse(null);
    }
}
