package dev.autoremediate.remediator.app;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code model}: UP with the model's version, trainer, training time and confidence bar when it is
 * loaded; UP with {@code loaded=false} when it is disabled; DOWN with the error when a configured model could not be
 * loaded (the service still classifies with its rules).
 */
public final class ModelHealthIndicator implements HealthIndicator {

    private final ClassifierModel model;

    public ModelHealthIndicator(ClassifierModel model) {
        this.model = model;
    }

    @Override
    public Health health() {
        if (model.fallback().isPresent()) {
            var fallback = model.fallback().get();
            return Health.up()
                    .withDetail("loaded", true)
                    .withDetail("modelVersion", fallback.model().modelVersion())
                    .withDetail("source", model.source())
                    .withDetail("trainedAt", fallback.model().trainedAt().toString())
                    .withDetail("calibrationTemperature", fallback.model().temperature())
                    .withDetail("minConfidence", fallback.minConfidence())
                    .build();
        }
        if (model.error() == null) {
            return Health.up().withDetail("loaded", false).withDetail("source", model.source()).build();
        }
        return Health.down().withDetail("loaded", false).withDetail("source", model.source())
                .withDetail("error", model.error()).build();
    }
}
