package dev.autoremediate.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Grouped k-fold cross-validation of the failure classifier: each fold of jobs ({@link GroupSplit}) is scored by a
 * model trained on the other folds (plus optional {@code always} examples that are never scored, such as the base
 * corpus), and the outcomes of all folds are pooled into one {@link ClassifierEvaluation}.
 *
 * @param split         which job goes to which fold
 * @param minConfidence the bar below which an answer counts as UNKNOWN
 */
public record CrossValidation(GroupSplit split, double minConfidence) {

    public CrossValidation {
        Objects.requireNonNull(split, "split");
    }

    /** Scores every example once, by a model that did not see its job. */
    public ClassifierEvaluation run(List<TrainingExample> examples, List<TrainingExample> always, Instant trainedAt) {
        var outcomes = new ArrayList<ClassifierEvaluation.Outcome>();
        var trainer = new FailureClassifierTrainer();
        for (int fold = 0; fold < split.folds(); fold++) {
            List<TrainingExample> held = split.select(examples, fold, true);
            if (held.isEmpty()) {
                continue;
            }
            var train = new ArrayList<>(always);
            train.addAll(split.select(examples, fold, false));
            FailureClassifier model = trainer.train(train, trainedAt);
            outcomes.addAll(ClassifierEvaluation.of(model, held, minConfidence).outcomes());
        }
        return new ClassifierEvaluation(outcomes);
    }

    /**
     * The held-out score of one fold only: trained without fold 0, scored on fold 0 (the split the trainer also
     * calibrates on). Cheaper than {@link #run} on a large corpus.
     */
    public ClassifierEvaluation heldOut(List<TrainingExample> examples, Instant trainedAt) {
        List<TrainingExample> held = split.select(examples, 0, true);
        FailureClassifier model = new FailureClassifierTrainer().train(split.select(examples, 0, false), trainedAt);
        return ClassifierEvaluation.of(model, held, minConfidence);
    }
}
