package dev.autoremediate.remediator.overrides;

/**
 * Knobs of the config overrides ({@code autoremediate.overrides.*}); see docs/config-overrides.md.
 *
 * @param decayEnabled   whether overrides decay at all
 * @param decayRuns      K: consecutive successful runs with headroom on a setting before it steps down once
 * @param usageThreshold a run shows headroom on a setting when its peak use is at most this share of the setting
 * @param headroom       a step never goes below the largest peak of those runs times this
 * @param stepFactor     one step multiplies the setting by this (never below the owner's value, nor the headroom
 *                       floor)
 * @param historyRuns    how many recent outcomes the job history reads for peak usage
 */
public record OverrideSettings(boolean decayEnabled, int decayRuns, double usageThreshold, double headroom,
        double stepFactor, int historyRuns) {

    public static final OverrideSettings DEFAULT = new OverrideSettings(true, 5, 0.6, 1.3, 0.8, 10);

    public OverrideSettings {
        if (decayRuns < 1) {
            throw new IllegalArgumentException("autoremediate.overrides.decay.runs must be at least 1, was " + decayRuns);
        }
        if (!(usageThreshold > 0 && usageThreshold < 1)) {
            throw new IllegalArgumentException("autoremediate.overrides.decay.usage-threshold must be between 0 and 1"
                    + " (exclusive), was " + usageThreshold);
        }
        if (!(headroom >= 1 && headroom <= 10)) {
            throw new IllegalArgumentException("autoremediate.overrides.decay.headroom must be between 1 and 10, was "
                    + headroom);
        }
        if (!(stepFactor > 0 && stepFactor < 1)) {
            throw new IllegalArgumentException("autoremediate.overrides.decay.step-factor must be between 0 and 1"
                    + " (exclusive), was " + stepFactor);
        }
        if (historyRuns < 1) {
            throw new IllegalArgumentException("autoremediate.overrides.history-runs must be at least 1, was "
                    + historyRuns);
        }
    }
}
