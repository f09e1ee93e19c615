package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.contract.ActiveOverride;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.overrides.ConfigOverride;
import dev.autoremediate.remediator.overrides.OverrideStore;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PeakUsage;
import dev.autoremediate.remediator.store.OutcomeStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job's history as the stores know it: the configuration of its last successful run, its most recent outcomes
 * (and so their peak memory use) and its config override in effect.
 */
public final class StoreJobHistory implements JobHistory {

    private final OutcomeStore outcomes;
    private final OverrideStore overrides;
    private final int recentRuns;

    /** A history of outcomes only: no overrides. */
    public StoreJobHistory(OutcomeStore outcomes) {
        this(outcomes, null, DEFAULT_RECENT_RUNS);
    }

    /**
     * @param overrides  the jobs' config overrides; null for none
     * @param recentRuns how many recent outcomes {@link #recentOutcomes} (and so {@link #peakUsage}) reads
     */
    public StoreJobHistory(OutcomeStore outcomes, OverrideStore overrides, int recentRuns) {
        if (recentRuns < 1) {
            throw new IllegalArgumentException("recentRuns must be at least 1, was " + recentRuns);
        }
        this.outcomes = outcomes;
        this.overrides = overrides;
        this.recentRuns = recentRuns;
    }

    @Override
    public Optional<Map<String, String>> lastSuccessfulConfig(String jobId) {
        Optional<JobOutcome> last = outcomes.lastSuccess(jobId);
        if (last.isEmpty() || !last.get().config().isEmpty()) {
            return last.map(JobOutcome::config);
        }
        // the last success reported no configuration: the latest recent one that did
        return recentOutcomes(jobId).stream().filter(JobOutcome::succeeded).map(JobOutcome::config)
                .filter(c -> !c.isEmpty()).findFirst();
    }

    @Override
    public List<JobOutcome> recentOutcomes(String jobId) {
        return outcomes.outcomesOf(jobId, recentRuns);
    }

    @Override
    public Optional<PeakUsage> peakUsage(String jobId) {
        return PeakUsage.of(recentOutcomes(jobId));
    }

    @Override
    public Optional<ActiveOverride> activeOverride(String jobId) {
        if (overrides == null) {
            return Optional.empty();
        }
        return overrides.find(jobId).filter(ConfigOverride::isActive).map(ConfigOverride::asActive);
    }
}
