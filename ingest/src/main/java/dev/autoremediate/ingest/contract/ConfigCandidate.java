package dev.autoremediate.ingest.contract;

import java.util.Map;
import java.util.TreeMap;

/**
 * Extension of v1: one configuration the config tuner weighed for a retry, with its scores (a decision lists the
 * best few, the chosen one first).
 *
 * @param configChanges     key to new value
 * @param predictedSuccess  estimated probability that the retry succeeds with it
 * @param predictedGbHours  estimated cost of the retry: (executors x executor container + driver container) x hours
 * @param expectedGbHours   that cost plus the expected cost of another failure: what the tuner minimises
 * @param estimator         what estimated the success: {@code heuristic} or {@code model:<version>}
 */
public record ConfigCandidate(Map<String, String> configChanges, double predictedSuccess, double predictedGbHours,
        double expectedGbHours, String estimator) {

    public ConfigCandidate {
        configChanges = configChanges == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(configChanges));
    }
}
