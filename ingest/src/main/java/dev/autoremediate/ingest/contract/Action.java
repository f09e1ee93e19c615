package dev.autoremediate.ingest.contract;

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
 * @param override            extension of v1: the job's config override in effect when the decision was taken (its
 *                            config changes start from it); null when the job has none
 */
public record Action(
        ActionType type,
        Map<String, ConfigChange> configChanges,
        long delaySeconds,
        String reason,
        Double predictedSuccess,
        Double predictedCostChange,
        ActiveOverride override) {

    public Action {
        configChanges = configChanges == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(configChanges));
    }

    /** An action taken with no config override in effect. */
    public Action(ActionType type, Map<String, ConfigChange> configChanges, long delaySeconds, String reason,
            Double predictedSuccess, Double predictedCostChange) {
        this(type, configChanges, delaySeconds, reason, predictedSuccess, predictedCostChange, null);
    }

    /** This action, noting the config override that was in effect. */
    public Action withOverride(ActiveOverride inEffect) {
        return new Action(type, configChanges, delaySeconds, reason, predictedSuccess, predictedCostChange, inEffect);
    }
}
