package dev.autoremediate.remediator.overrides;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of {@code GET /api/v1/jobs/{jobId}/config}: the configuration to launch the job's next run with.
 *
 * @param config           the owner's configuration with the override laid over it: launch with this
 * @param ownerConfig      the owner's configuration as the service knows it (from the run that made the override, or
 *                         from the job's latest run when it has none)
 * @param override         the override's values alone; empty when none is in effect
 * @param overrideStatus   NONE (never had one), ACTIVE, DECAYED (back at the owner's) or CLEARED (by a person)
 * @param sourceDecisionId the decision whose successful retry made (or last raised) the override; null for NONE
 * @param sourceRunId      that decision's run
 * @param createdAt        when the override was made; null for NONE
 * @param updatedAt        when it last changed; null for NONE
 * @param cleared          who cleared it, when and why; null unless CLEARED
 */
public record JobConfig(
        String jobId,
        Map<String, String> config,
        Map<String, String> ownerConfig,
        Map<String, String> override,
        String overrideStatus,
        String sourceDecisionId,
        String sourceRunId,
        Instant createdAt,
        Instant updatedAt,
        Clearance cleared) {

    public static final String NONE = "NONE";

    /** Who cleared an override, when and why. */
    public record Clearance(String by, Instant at, String reason) {
    }

    public JobConfig {
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
        ownerConfig = java.util.Collections.unmodifiableMap(new TreeMap<>(ownerConfig));
        override = java.util.Collections.unmodifiableMap(new TreeMap<>(override));
    }

    static JobConfig of(ConfigOverride o) {
        Clearance cleared = o.status() == OverrideStatus.CLEARED
                ? new Clearance(o.clearedBy(), o.clearedAt(), o.clearedReason()) : null;
        return new JobConfig(o.jobId(), o.merged(), o.ownerConfig(), o.values(), o.status().name(),
                o.sourceDecisionId(), o.sourceRunId(), o.createdAt(), o.updatedAt(), cleared);
    }

    static JobConfig ownerOnly(String jobId, Map<String, String> ownerConfig) {
        return new JobConfig(jobId, ownerConfig, ownerConfig, Map.of(), NONE, null, null, null, null, null);
    }
}
