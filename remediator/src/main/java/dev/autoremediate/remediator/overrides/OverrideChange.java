package dev.autoremediate.remediator.overrides;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of an override's history (appended, never changed).
 *
 * @param id         assigned by the store; 0 before it is stored
 * @param before     the override's values before the change
 * @param after      its values after ({} once it is no longer in effect)
 * @param decisionId the remediation decision behind a CREATED or RAISED change; null otherwise
 * @param runId      the run whose outcome caused the change; null for a person's change
 * @param attempt    that run's attempt; 0 for a person's change
 * @param actor      {@value #SERVICE} for the service's own changes, else who made it
 * @param reason     one line a person can read
 */
public record OverrideChange(long id, String jobId, Instant at, ChangeKind kind, Map<String, String> before,
        Map<String, String> after, String decisionId, String runId, int attempt, String actor, String reason) {

    public static final String SERVICE = "autoremediate";

    public OverrideChange {
        before = before == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(before));
        after = after == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(after));
    }
}
