package dev.autoremediate.ingest.contract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the decision does.
 *
 * @param type                retry, retry with config, no retry, escalate
 * @param configChanges       key to change (empty unless RETRY_WITH_CONFIG)
 * @param delaySeconds        how long the scheduler waits before the retry
 * @param reason              one line a person can read
 * @param predictedSuccess    the model's success probability of the retry, null without a model
 * @param predictedCostChange relative cost change of the new configuration, null without a model
 * @param candidates          extension of v1: the configurations the tuner weighed, the chosen one first; empty when
 *                            the tuner did not search
 */
public record Action(
        ActionType type,
        Map<String, ConfigChange> configChanges,
        long delaySeconds,
        String reason,
        Double predictedSuccess,
        Double predictedCostChange,
        List<ConfigCandidate> candidates) {

    public Action {
        configChanges = configChanges == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(configChanges));
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** An action without candidates (the form of contract v1 before the tuner's search). */
    public Action(ActionType type, Map<String, ConfigChange> configChanges, long delaySeconds, String reason,
            Double predictedSuccess, Double predictedCostChange) {
        this(type, configChanges, delaySeconds, reason, predictedSuccess, predictedCostChange, List.of());
    }
}
