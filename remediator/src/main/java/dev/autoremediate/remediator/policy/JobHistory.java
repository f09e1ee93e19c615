package dev.autoremediate.remediator.policy;

import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is known of a job's past runs: the configuration of its last successful run, and that run's outcome (its
 * configuration and peak usage, which the config tuner sizes the retry from).
 */
@FunctionalInterface
public interface JobHistory {

    JobHistory NONE = jobId -> Optional.empty();

    Optional<Map<String, String>> lastSuccessfulConfig(String jobId);

    /** The outcome of the job's last successful run (configuration and metrics); empty when unknown. */
    default Optional<JobOutcome> lastSuccess(String jobId) {
        return Optional.empty();
    }

    /** A history from job outcomes (e.g. the {@code --history} file of {@code decide}). */
    static JobHistory of(Collection<JobOutcome> outcomes) {
        var last = new HashMap<String, JobOutcome>();
        Comparator<JobOutcome> byTime = Comparator.comparing(JobOutcome::finishedAt,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        for (JobOutcome outcome : outcomes) {
            if (outcome.succeeded() && outcome.jobId() != null) {
                last.merge(outcome.jobId(), outcome, (a, b) -> byTime.compare(a, b) >= 0 ? a : b);
            }
        }
        return new JobHistory() {
            @Override
            public Optional<Map<String, String>> lastSuccessfulConfig(String jobId) {
                return lastSuccess(jobId).map(JobOutcome::config);
            }

            @Override
            public Optional<JobOutcome> lastSuccess(String jobId) {
                return Optional.ofNullable(last.get(jobId));
            }
        };
    }
}
