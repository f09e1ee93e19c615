package dev.autoremediate.model;

import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.List;
import java.util.Objects;

/**
 * One failure and its true category, to train or score a {@link FailureClassifier}.
 *
 * @param event    the failure
 * @param category its label
 */
public record TrainingExample(FailureEvent event, FailureCategory category) {

    public TrainingExample {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(category, "category");
    }

    /** The event a scheduler would have sent for a corpus entry ({@link LabelledError#toFailureEvent()}), and its label. */
    public static TrainingExample of(LabelledError error) {
        return new TrainingExample(error.toFailureEvent(), error.category());
    }

    public static List<TrainingExample> fromCorpus(List<LabelledError> corpus) {
        return corpus.stream().map(TrainingExample::of).toList();
    }
}
