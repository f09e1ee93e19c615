package dev.autoremediate.remediator.pipeline;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.Objects;

/**
 * The failure classifier model that answers when no rule matches, and the policy's bar for trusting it.
 *
 * @param model         the trained model (the bundled one, or a file given by configuration)
 * @param minConfidence below this calibrated probability the model's answer counts as UNKNOWN
 */
public record ModelFallback(dev.autoremediate.model.FailureClassifier model, double minConfidence) {

    public ModelFallback {
        Objects.requireNonNull(model, "model");
        if (!(minConfidence >= 0.0 && minConfidence <= 1.0)) {
            throw new IllegalArgumentException("minConfidence must be in [0, 1], got " + minConfidence);
        }
    }

    /**
     * Whether another attempt of a failure the model put in {@code category} can be expected to succeed without a
     * human: the "usually retryable" column of DESIGN.md's category table. A rule knows better for its own failures;
     * the model only knows the category, so {@code SERIALIZATION} (retryable for buffer limits, not for unserializable
     * objects) and {@code DISK_SPACE} count as not retryable.
     */
    public static boolean usuallyRetryable(FailureCategory category) {
        return switch (category) {
            case MEMORY_EXECUTOR_OOM, MEMORY_OVERHEAD, MEMORY_DRIVER, SHUFFLE_FETCH, EXECUTOR_LOST, TRANSIENT_IO, TIMEOUT,
                 RESOURCE_QUOTA -> true;
            case DISK_SPACE, SERIALIZATION, USER_CODE, SQL_ANALYSIS, PERMISSION, DATA_SCHEMA, DEPENDENCY, UNKNOWN -> false;
        };
    }

    /** Whether the category is one of the three memory categories, whose config change depends on which it is. */
    public static boolean isMemory(FailureCategory category) {
        return category == FailureCategory.MEMORY_EXECUTOR_OOM || category == FailureCategory.MEMORY_OVERHEAD
                || category == FailureCategory.MEMORY_DRIVER;
    }
}
