package dev.autoremediate.remediator.overrides;

import dev.autoremediate.ingest.contract.ActiveOverride;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A job's config override: the values laid over the owner's configuration, where they came from, and the state of
 * their decay. One row per job; its changes are kept as {@link OverrideChange}s.
 *
 * @param values           key to value in effect; empty unless {@link OverrideStatus#ACTIVE}
 * @param ownerConfig      the owner's configuration the override sits on (the first attempt's configuration of the
 *                         run that made it)
 * @param sourceDecisionId the decision whose successful retry made (or last raised) the override
 * @param sourceRunId      that decision's run
 * @param streaks          per overridden memory key, the current run of runs with headroom
 * @param lastOutcome      the last outcome taken into account; null before any
 * @param clearedAt        when a person cleared it (with {@code clearedBy} and {@code clearedReason}); null otherwise
 * @param version          optimistic lock: incremented on every update
 */
public record ConfigOverride(
        String jobId,
        OverrideStatus status,
        Map<String, String> values,
        Map<String, String> ownerConfig,
        String sourceDecisionId,
        String sourceRunId,
        Map<String, HeadroomStreak> streaks,
        OutcomeMark lastOutcome,
        Instant createdAt,
        Instant updatedAt,
        Instant clearedAt,
        String clearedBy,
        String clearedReason,
        long version) {

    public ConfigOverride {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
        ownerConfig = ownerConfig == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(ownerConfig));
        streaks = streaks == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(streaks));
    }

    public boolean isActive() {
        return status == OverrideStatus.ACTIVE && !values.isEmpty();
    }

    /** The configuration to launch the next run with: the owner's, with the override's values laid over it. */
    public Map<String, String> merged() {
        var merged = new TreeMap<>(ownerConfig);
        merged.putAll(values);
        return java.util.Collections.unmodifiableMap(merged);
    }

    /** The override as a decision records it. */
    public ActiveOverride asActive() {
        return new ActiveOverride(values, sourceDecisionId, updatedAt);
    }

    ConfigOverride withOwnerConfig(Map<String, String> newOwnerConfig, Map<String, String> newValues) {
        return new ConfigOverride(jobId, status, newValues, newOwnerConfig, sourceDecisionId, sourceRunId, streaks,
                lastOutcome, createdAt, updatedAt, clearedAt, clearedBy, clearedReason, version);
    }

    ConfigOverride with(OverrideStatus newStatus, Map<String, String> newValues, Map<String, HeadroomStreak> newStreaks,
            OutcomeMark mark, Instant at) {
        return new ConfigOverride(jobId, newStatus, newValues, ownerConfig, sourceDecisionId, sourceRunId, newStreaks,
                mark, createdAt, at, clearedAt, clearedBy, clearedReason, version);
    }
}
