package dev.autoremediate.model;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.Objects;

/**
 * What a {@link FailureClassifier} says about one failure.
 *
 * @param category     the most probable category
 * @param confidence   its calibrated probability under the model, in [0, 1]; deciding what is confident enough (and
 *                     answering {@code UNKNOWN} below that, {@link #orUnknownBelow}) is the policy's job
 * @param modelVersion the version of the model that answered ({@link FailureClassifier#modelVersion()})
 */
public record ModelPrediction(FailureCategory category, double confidence, String modelVersion) {

    public ModelPrediction {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(modelVersion, "modelVersion");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }

    /**
     * This prediction, or {@code UNKNOWN} (with the same confidence and version) when its confidence is below
     * {@code minConfidence}: the policy's bar for trusting the model.
     */
    public ModelPrediction orUnknownBelow(double minConfidence) {
        return confidence >= minConfidence || category == FailureCategory.UNKNOWN ? this
                : new ModelPrediction(FailureCategory.UNKNOWN, confidence, modelVersion);
    }
}
