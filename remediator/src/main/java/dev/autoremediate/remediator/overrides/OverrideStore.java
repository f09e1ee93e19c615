package dev.autoremediate.remediator.overrides;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of the jobs' config overrides and of every change to them. Implementations throw Spring's
 * {@code DataAccessException}s; the transient ones mean "try again later".
 */
public interface OverrideStore {

    /** One page of overrides, most recently updated first, and how many there are in all. */
    record Page(List<ConfigOverride> items, long total) {
        public Page {
            items = List.copyOf(items);
        }
    }

    Optional<ConfigOverride> find(String jobId);

    /**
     * Writes {@code override} and appends {@code change} (when given) in one transaction: inserts it when
     * {@code expectedVersion} is negative, else updates the row that is still at {@code expectedVersion}, setting the
     * version to {@code expectedVersion + 1}. Returns false, writing nothing, when the row was created or changed in
     * the meantime (the caller reads it again and retries).
     */
    boolean save(ConfigOverride override, long expectedVersion, Optional<OverrideChange> change);

    /** Overrides in {@code status} (any status when null), most recently updated first. */
    Page list(OverrideStatus status, int offset, int limit);

    /** Whether a change of the job's override was caused by the outcome of this run attempt. */
    boolean changedBy(String jobId, String runId, int attempt);

    /** The job's override changes, newest first. */
    List<OverrideChange> history(String jobId, int limit);

    /**
     * The configuration of the job's most recent run the service heard of (its latest failure event or outcome);
     * empty for a job the service never heard of.
     */
    Optional<Map<String, String>> latestRunConfig(String jobId);
}
