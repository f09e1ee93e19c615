package dev.autoremediate.remediator.approval;

import dev.autoremediate.ingest.contract.FailureCategory;

/**
 * Which mode applies to a failure of a job: the seam the decision service asks before it acts. Must be fast and
 * must not throw for an unknown job, team or category (the default is {@link EffectiveMode#DEFAULT}).
 */
@FunctionalInterface
public interface ModeResolver {

    ModeResolver ALWAYS_AUTOMATIC = (jobId, owner, category) -> EffectiveMode.DEFAULT;

    /**
     * @param owner the job's owner (team); may be null
     */
    EffectiveMode modeFor(String jobId, String owner, FailureCategory category);
}
