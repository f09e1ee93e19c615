package dev.autoremediate.model.outcome;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One question to the outcome model: would a retry of this failure succeed under {@code candidate}?
 *
 * @param category      the failure's category
 * @param engine        the engine, lower case
 * @param failedConfig  the failed attempt's configuration
 * @param failedMetrics the failed attempt's metrics
 * @param failureText   the failure's text (tells a maxResultSize abort from a driver OOM)
 * @param candidate     the retry's complete configuration
 * @param lastSuccess   the job's last successful run before the failure, if known
 */
public record RetryCase(FailureCategory category, String engine, Map<String, String> failedConfig,
        RunMetrics failedMetrics, String failureText, Map<String, String> candidate, Optional<JobOutcome> lastSuccess) {

    public RetryCase {
        Objects.requireNonNull(category, "category");
        engine = engine == null ? "" : engine.strip().toLowerCase(Locale.ROOT);
        failedConfig = Map.copyOf(failedConfig == null ? Map.of() : failedConfig);
        failedMetrics = failedMetrics == null ? RunMetrics.empty() : failedMetrics;
        failureText = failureText == null ? "" : failureText.toLowerCase(Locale.ROOT);
        candidate = Map.copyOf(candidate == null ? Map.of() : candidate);
        lastSuccess = lastSuccess == null ? Optional.empty() : lastSuccess;
    }

    public static RetryCase of(FailureEvent failed, FailureCategory category, Map<String, String> candidate,
            Optional<JobOutcome> lastSuccess) {
        return new RetryCase(category, failed.job().engine(), failed.job().config(), failed.metrics(),
                failed.failure() == null ? "" : failed.failure().allText(), candidate, lastSuccess);
    }
}
