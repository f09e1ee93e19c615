package dev.autoremediate.ingest.contract;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks the scheduler to run a failed run again; published on {@code job-retry-commands} (key = jobId).
 * {@code commandId} is stable for a decision, so a scheduler that sees it twice runs the retry once.
 */
public record RetryCommand(
        int schemaVersion,
        String commandId,
        String decisionId,
        String jobId,
        String runId,
        int nextAttempt,
        Instant notBefore,
        Map<String, String> configOverrides) {

    public RetryCommand {
        configOverrides = configOverrides == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(configOverrides));
    }
}
