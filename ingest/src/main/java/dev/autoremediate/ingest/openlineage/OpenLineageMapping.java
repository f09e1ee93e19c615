package dev.autoremediate.ingest.openlineage;

import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.Objects;

/** What one OpenLineage event means to this service. */
public sealed interface OpenLineageMapping {

    /** A FAIL run event: a failure to decide on. */
    record Failed(FailureEvent event) implements OpenLineageMapping {
        public Failed {
            Objects.requireNonNull(event, "event");
        }
    }

    /** A COMPLETE run event: a successful run, recorded as the job's history. */
    record Completed(JobOutcome outcome) implements OpenLineageMapping {
        public Completed {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * An event that carries nothing to act on (START, RUNNING, ABORT, OTHER, or a dataset/job event without a run).
     *
     * @param eventType the event's type as sent, or a description of its kind
     * @param reason    why it is ignored, for a DEBUG line
     */
    record Ignored(String eventType, String reason) implements OpenLineageMapping {
    }
}
