package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ConfigStep;
import java.util.List;
import java.util.Objects;

/**
 * What a rule proposes to do about the failures it recognises, before the tuner and the policy's guard rails turn it
 * into a concrete action.
 *
 * <p>Only {@link ActionType#RETRY_WITH_CONFIG} carries steps, and it carries at least one; only the retry types
 * carry a delay.
 *
 * @param type             RETRY, RETRY_WITH_CONFIG, NO_RETRY or ESCALATE
 * @param steps            configuration changes, e.g. {@code spark.executor.memory*1.5}; empty unless RETRY_WITH_CONFIG
 * @param baseDelaySeconds delay before the first retry (the policy may back off from it); 0 for no delay
 */
public record ActionTemplate(ActionType type, List<ConfigStep> steps, int baseDelaySeconds) {

    public ActionTemplate {
        Objects.requireNonNull(type, "type");
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (type == ActionType.RETRY_WITH_CONFIG && steps.isEmpty()) {
            throw new IllegalArgumentException("a RETRY_WITH_CONFIG action needs at least one config step");
        }
        if (type != ActionType.RETRY_WITH_CONFIG && !steps.isEmpty()) {
            throw new IllegalArgumentException("only a RETRY_WITH_CONFIG action carries config steps, not " + type);
        }
        if (baseDelaySeconds < 0) {
            throw new IllegalArgumentException("baseDelaySeconds must not be negative: " + baseDelaySeconds);
        }
        if (!type.isRetry() && baseDelaySeconds != 0) {
            throw new IllegalArgumentException("only a retry action has a delay, not " + type);
        }
    }
}
