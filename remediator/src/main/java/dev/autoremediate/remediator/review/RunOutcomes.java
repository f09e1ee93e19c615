package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.List;

/** The reported outcomes of a run's attempts (topic {@code job-outcomes}): the seam to the outcome store. */
@FunctionalInterface
public interface RunOutcomes {

    RunOutcomes NONE = (jobId, runId) -> List.of();

    /** Outcomes of the run's attempts, in any order. */
    List<JobOutcome> ofRun(String jobId, String runId);
}
