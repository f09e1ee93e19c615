package dev.autoremediate.ingest.codec;

import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.ArrayList;
import java.util.List;

/** Checks a parsed job outcome; every violation names its field and says what to fix. */
public final class JobOutcomeValidator {

    public List<Violation> validate(JobOutcome outcome) {
        var violations = new ArrayList<Violation>();
        if (outcome == null) {
            violations.add(new Violation("$", "the outcome must be a JSON object"));
            return violations;
        }
        if (outcome.schemaVersion() != 1) {
            violations.add(new Violation("schemaVersion", "must be 1 (was " + outcome.schemaVersion() + ")"));
        }
        FailureEventValidator.id(violations, "jobId", outcome.jobId());
        FailureEventValidator.id(violations, "runId", outcome.runId());
        if (outcome.attempt() < 1) {
            violations.add(new Violation("attempt", "must be 1 or more (1 = first try), was " + outcome.attempt()));
        }
        if (outcome.finishedAt() == null) {
            violations.add(new Violation("finishedAt", "is required (an ISO-8601 instant such as 2026-11-22T10:15:30Z)"));
        }
        if (outcome.failureEventId() != null && outcome.failureEventId().length() > FailureEventValidator.MAX_ID_CHARS) {
            violations.add(new Violation("failureEventId", "must be at most " + FailureEventValidator.MAX_ID_CHARS
                    + " characters"));
        }
        if (outcome.config().size() > FailureEventValidator.MAX_CONFIG_ENTRIES) {
            violations.add(new Violation("config", "has " + outcome.config().size() + " entries, at most "
                    + FailureEventValidator.MAX_CONFIG_ENTRIES + " are accepted"));
        }
        return violations;
    }
}
