package dev.autoremediate.remediator.policy;

import dev.autoremediate.ingest.contract.ActiveOverride;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of a job's past runs: the configuration of its last successful run, its recent outcomes and their
 * peak memory use, and the config override the service keeps for it. Only {@link #lastSuccessfulConfig} must be
 * implemented; the rest default to "nothing known".
 */
@FunctionalInterface
public interface JobHistory {

    JobHistory NONE = jobId -> Optional.empty();

    /** How many recent outcomes {@link #of(Collection)} keeps per job for {@link #recentOutcomes}. */
    int DEFAULT_RECENT_RUNS = 10;

    Optional<Map<String, String>> lastSuccessfulConfig(String jobId);

    /** The job's most recently finished runs, successful or not, newest first; empty when none is known. */
    default List<JobOutcome> recentOutcomes(String jobId) {
        return List.of();
    }

    /** The peak memory use over {@link #recentOutcomes}; empty when no run reported any. */
    default Optional<PeakUsage> peakUsage(String jobId) {
        return PeakUsage.of(recentOutcomes(jobId));
    }

    /** The job's config override in effect (a remediated retry's winning values); empty when it has none. */
    default Optional<ActiveOverride> activeOverride(String jobId) {
        return Optional.empty();
    }

    /** A history from job outcomes (e.g. the {@code --history} file of {@code decide}); it knows no overrides. */
    static JobHistory of(Collection<JobOutcome> outcomes) {
        var byJob = new HashMap<String, List<JobOutcome>>();
        for (JobOutcome outcome : outcomes) {
            if (outcome.jobId() != null) {
                byJob.computeIfAbsent(outcome.jobId(), id -> new ArrayList<>()).add(outcome);
            }
        }
        Comparator<JobOutcome> newestFirst = Comparator.comparing(JobOutcome::finishedAt,
                Comparator.nullsLast(Comparator.<java.time.Instant>reverseOrder()));
        var recent = new HashMap<String, List<JobOutcome>>();
        byJob.forEach((job, list) -> {
            // a stable sort: of two runs with the same time, the earlier line comes first
            var sorted = new ArrayList<>(list);
            sorted.sort(newestFirst);
            recent.put(job, List.copyOf(sorted));
        });
        return new JobHistory() {
            @Override
            public Optional<Map<String, String>> lastSuccessfulConfig(String jobId) {
                return recent.getOrDefault(jobId, List.of()).stream().filter(JobOutcome::succeeded).findFirst()
                        .map(JobOutcome::config);
            }

            @Override
            public List<JobOutcome> recentOutcomes(String jobId) {
                List<JobOutcome> all = recent.getOrDefault(jobId, List.of());
                return all.subList(0, Math.min(all.size(), DEFAULT_RECENT_RUNS));
            }
        };
    }
}
