package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tuner knows of one failed attempt.
 *
 * @param category    the failure category (from a rule or the classifier)
 * @param engine      the engine, lower case ({@code spark})
 * @param owner       the owning team, or {@code null}
 * @param config      the failed attempt's configuration
 * @param metrics     the failed attempt's metrics ({@link RunMetrics#empty()} when none were reported)
 * @param failureText the failure's text, lower case (tells a maxResultSize abort from a driver OOM)
 * @param lastSuccess the job's last successful run (its configuration and peak usage), if known
 * @param ruleSteps   the deciding rule's config steps: the fallback when the search does not cover the case
 */
public record TuningRequest(FailureCategory category, String engine, String owner, Map<String, String> config,
        RunMetrics metrics, String failureText, Optional<JobOutcome> lastSuccess, List<ConfigStep> ruleSteps) {

    public TuningRequest {
        Objects.requireNonNull(category, "category");
        engine = engine == null ? "" : engine.strip().toLowerCase(java.util.Locale.ROOT);
        config = Map.copyOf(config == null ? Map.of() : config);
        metrics = metrics == null ? RunMetrics.empty() : metrics;
        failureText = failureText == null ? "" : failureText.toLowerCase(java.util.Locale.ROOT);
        lastSuccess = lastSuccess == null ? Optional.empty() : lastSuccess;
        ruleSteps = ruleSteps == null ? List.of() : List.copyOf(ruleSteps);
    }

    /** The request for a failure event. */
    public static TuningRequest of(FailureEvent event, FailureCategory category, Optional<JobOutcome> lastSuccess,
            List<ConfigStep> ruleSteps) {
        return new TuningRequest(category, event.job().engine(), event.job().owner(), event.job().config(),
                event.metrics(), event.failure() == null ? "" : event.failure().allText(), lastSuccess, ruleSteps);
    }
}
