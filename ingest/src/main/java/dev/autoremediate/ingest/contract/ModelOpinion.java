package dev.autoremediate.ingest.contract;

import java.util.Objects;

/**
 * What the failure classifier model said about a failure, recorded next to the deciding classification (extension of
 * v1): always when the model decided or was asked because no rule matched, and when a rule decided but the model
 * named another category and one of the two is a memory category (the config change depends on which is right).
 *
 * @param category     the model's most probable category (before the policy's confidence bar)
 * @param confidence   its calibrated probability, 0..1
 * @param modelVersion the model's version, e.g. {@code fc-43fa8e3e8b92}
 */
public record ModelOpinion(FailureCategory category, double confidence, String modelVersion) {

    public ModelOpinion {
        Objects.requireNonNull(category, "category");
    }
}
