package dev.autoremediate.remediator.app;

import dev.autoremediate.model.BundledClassifier;
import dev.autoremediate.model.FailureClassifier;
import dev.autoremediate.remediator.pipeline.ModelFallback;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure classifier model the service runs with, or why it runs without one.
 *
 * @param fallback the model and its bar, empty when disabled or unreadable
 * @param source   "bundled", the file, or "disabled"
 * @param error    why a configured model could not be loaded; null when it was, or when it is disabled
 */
public record ClassifierModel(Optional<ModelFallback> fallback, String source, String error) {

    private static final Logger log = LoggerFactory.getLogger(ClassifierModel.class);

    /**
     * Loads the model {@code settings} name. A configured file that cannot be read does not stop the service (the rules
     * still classify); the error is logged and shown by the {@code model} health indicator.
     */
    static ClassifierModel load(AutoremediateProperties.Model settings) {
        if (!settings.enabled()) {
            log.info("Failure classifier model disabled (autoremediate.model.enabled=false): rules only");
            return new ClassifierModel(Optional.empty(), "disabled", null);
        }
        String source = settings.file() == null ? "bundled" : settings.file().toAbsolutePath().toString();
        try {
            FailureClassifier model = settings.file() == null ? BundledClassifier.load()
                    : FailureClassifier.load(settings.file());
            log.info("Failure classifier model {} ({}), asked when no rule matches; min confidence {}",
                    model.modelVersion(), source, settings.minConfidence());
            return new ClassifierModel(Optional.of(new ModelFallback(model, settings.minConfidence())), source, null);
        } catch (Exception e) {
            log.error("Cannot load the failure classifier model {}: {}; classifying with rules only", source, e.toString());
            return new ClassifierModel(Optional.empty(), source, e.toString());
        }
    }
}
