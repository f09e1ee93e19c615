package dev.autoremediate.ingest.contract;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extension of v1: the per-job config override that was in effect when a decision was taken (the configuration the
 * service serves at {@code GET /api/v1/jobs/{jobId}/config}: a remediated retry's winning values, decaying back to
 * the owner's configuration over time). A decision's config changes start from these values.
 *
 * @param values           key to value laid over the owner's configuration
 * @param sourceDecisionId the decision whose successful retry made (or last raised) the override
 * @param updatedAt        when the override last changed
 */
public record ActiveOverride(Map<String, String> values, String sourceDecisionId, Instant updatedAt) {

    public ActiveOverride {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
