package dev.autoremediate.remediator.simulation;

import dev.autoremediate.datasets.sim.RetryStrategy;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The service's own decision path: the rule pack classifies, the policy decides with the config tuner's changes and
 * the job's history (its outcomes so far); a retry decision becomes the next attempt's overrides.
 */
public final class PipelineStrategy implements RetryStrategy {

    private final String name;
    private final FailureClassifier classifier;
    private final RemediationPolicy policy;
    private final Map<String, List<Decision>> decisionsOfRun = new HashMap<>();
    private final List<Decision> decisions = new ArrayList<>();

    public PipelineStrategy(String name, FailureClassifier classifier, RemediationPolicy policy) {
        this.name = name;
        this.classifier = classifier;
        this.policy = policy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
        if (!decisionsOfRun.containsKey(failed.job().runId())) {
            decisionsOfRun.clear(); // the simulation finishes one run before the next: only the current run's count
        }
        List<Decision> priors = decisionsOfRun.getOrDefault(failed.job().runId(), List.of());
        Decision decision = policy.decide(failed, classifier.classify(failed), priors, true, JobHistory.of(history));
        decisionsOfRun.computeIfAbsent(failed.job().runId(), k -> new ArrayList<>()).add(decision);
        decisions.add(decision);
        ActionType type = decision.action().type();
        if (!type.isRetry()) {
            return Optional.empty();
        }
        var overrides = new TreeMap<String, String>();
        decision.action().configChanges().forEach((k, v) -> overrides.put(k, v.to()));
        return Optional.of(overrides);
    }

    /** The decisions taken, in order (for the mean predicted success of the summary). */
    List<Decision> decisions() {
        return decisions;
    }
}
