package dev.autoremediate.ingest.codec;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a parsed failure event; every violation names its field and says what to fix. */
public final class FailureEventValidator {

    static final int MAX_ID_CHARS = 512;
    static final int MAX_CONFIG_ENTRIES = 2_000;
    static final int MAX_CONFIG_KEY_CHARS = 256;
    static final int MAX_CONFIG_VALUE_CHARS = 8_192;

    public List<Violation> validate(FailureEvent event) {
        var violations = new ArrayList<Violation>();
        if (event == null) {
            violations.add(new Violation("$", "the event must be a JSON object"));
            return violations;
        }
        if (event.schemaVersion() != FailureEvent.SCHEMA_VERSION) {
            violations.add(new Violation("schemaVersion",
                    "must be " + FailureEvent.SCHEMA_VERSION + " (was " + event.schemaVersion() + ")"));
        }
        id(violations, "eventId", event.eventId());
        if (event.occurredAt() == null) {
            violations.add(new Violation("occurredAt", "is required (an ISO-8601 instant such as 2026-11-22T10:15:30Z)"));
        }
        validateJob(violations, event.job());
        validateFailure(violations, event.failure());
        return violations;
    }

    private static void validateJob(List<Violation> violations, Job job) {
        if (job == null) {
            violations.add(new Violation("job", "is required"));
            return;
        }
        id(violations, "job.jobId", job.jobId());
        id(violations, "job.runId", job.runId());
        if (job.attempt() < 1) {
            violations.add(new Violation("job.attempt", "must be 1 or more (1 = first try), was " + job.attempt()));
        }
        if (job.engine() == null || job.engine().isBlank()) {
            violations.add(new Violation("job.engine", "is required (spark, hive, tez, mapreduce, flink, trino, ...)"));
        } else if (job.engine().length() > 64) {
            violations.add(new Violation("job.engine", "must be at most 64 characters"));
        }
        if (job.tier() != null && (job.tier() < 0 || job.tier() > 9)) {
            violations.add(new Violation("job.tier", "must be between 0 and 9, was " + job.tier()));
        }
        Map<String, String> config = job.config();
        if (config.size() > MAX_CONFIG_ENTRIES) {
            violations.add(new Violation("job.config", "has " + config.size() + " entries, at most "
                    + MAX_CONFIG_ENTRIES + " are accepted"));
        }
        config.forEach((key, value) -> {
            if (key.isBlank() || key.length() > MAX_CONFIG_KEY_CHARS) {
                violations.add(new Violation("job.config", "a key must have 1 to " + MAX_CONFIG_KEY_CHARS + " characters"));
            } else if (value.length() > MAX_CONFIG_VALUE_CHARS) {
                violations.add(new Violation("job.config." + key, "must be at most " + MAX_CONFIG_VALUE_CHARS
                        + " characters"));
            }
        });
    }

    private static void validateFailure(List<Violation> violations, Failure failure) {
        if (failure == null) {
            violations.add(new Violation("failure", "is required"));
            return;
        }
        if (failure.exitCode() == null && blank(failure.exceptionClass()) && blank(failure.message())
                && blank(failure.stackTrace()) && blank(failure.logTail())) {
            violations.add(new Violation("failure",
                    "must carry at least one of exitCode, exceptionClass, message, stackTrace, logTail"));
        }
        if (failure.exceptionClass() != null && failure.exceptionClass().length() > 1_024) {
            violations.add(new Violation("failure.exceptionClass", "must be at most 1024 characters"));
        }
    }

    static void id(List<Violation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required and must not be blank"));
        } else if (value.length() > MAX_ID_CHARS) {
            violations.add(new Violation(field, "must be at most " + MAX_ID_CHARS + " characters, was " + value.length()));
        } else if (hasControlCharacter(value)) {
            violations.add(new Violation(field, "must not contain control characters"));
        }
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
