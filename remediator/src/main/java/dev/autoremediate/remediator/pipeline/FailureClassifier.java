package dev.autoremediate.remediator.pipeline;

import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.notebook.PapermillError;
import dev.autoremediate.ingest.notebook.PapermillErrors;
import dev.autoremediate.ingest.contract.ModelOpinion;
import dev.autoremediate.model.ModelPrediction;
import dev.autoremediate.rules.RuleMatch;
import dev.autoremediate.rules.RuleOutcome;
import dev.autoremediate.rules.RulePack;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Classifies failures with the current rule pack and, when no rule matches, with the failure classifier model. The
 * pack is held in an atomic reference so that a new pack can be swapped in without a restart; every classification
 * names the pack version it used.
 *
 * <p>With a model: no rule matched → the model's category with source MODEL and its version, or UNKNOWN (source
 * NONE) when its calibrated probability is below the policy's bar; the model's opinion is recorded either way. A rule
 * matched → the rule decides; when it is a rule of a memory category and the model names another category, the
 * model's opinion is recorded next to the rule's answer ({@link Classification#model()}). The model is not asked when
 * a rule of another category matched.
 */
public final class FailureClassifier {

    /** How many of the features that speak for a model's answer its explanation names. */
    static final int EXPLAINED_FEATURES = 5;

    private final AtomicReference<RulePack> pack;
    private final Optional<ModelFallback> model;
    private final List<Consumer<RuleOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();

    public FailureClassifier(RulePack pack) {
        this(pack, Optional.empty());
    }

    public FailureClassifier(RulePack pack, Optional<ModelFallback> model) {
        this.pack = new AtomicReference<>(Objects.requireNonNull(pack, "pack"));
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The model asked when no rule matches, if any. */
    public Optional<ModelFallback> model() {
        return model;
    }

    public RulePack pack() {
        return pack.get();
    }

    /** Swaps in a new pack atomically; classifications already running finish with the old one. */
    public void swap(RulePack newPack) {
        pack.set(Objects.requireNonNull(newPack, "newPack"));
    }

    /** Calls {@code listener} with the rule outcome of every classification (e.g. per-rule hit counters). */
    public void onRuleOutcome(Consumer<RuleOutcome> listener) {
        outcomeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Classifies with the current pack. A scheduled notebook's Papermill error is classified by the engine error inside
     * it (the rules' fact unwraps it), and the explanation starts by naming the failing cell.
     */
    public ClassifiedFailure classify(FailureEvent event) {
        ClassifiedFailure classified = classifyText(event);
        Optional<PapermillError> notebook = PapermillErrors.find(event.failure());
        if (notebook.isEmpty()) {
            return classified;
        }
        Classification c = classified.classification();
        String cell = notebook.get().describe();
        return new ClassifiedFailure(c.withExplanation(cell + "; " + c.explanation()), classified.rule());
    }

    private ClassifiedFailure classifyText(FailureEvent event) {
        RuleOutcome outcome = pack.get().classify(event);
        outcomeListeners.forEach(l -> l.accept(outcome));
        Optional<RuleMatch> best = outcome.best();
        var matched = outcome.matches().stream().map(RuleMatch::ruleId).toList();
        if (best.isEmpty()) {
            String noRule = "no rule of pack " + outcome.packVersion() + " matched";
            if (model.isEmpty()) {
                return new ClassifiedFailure(new Classification(FailureCategory.UNKNOWN, null, 0.0,
                        ClassificationSource.NONE, null, outcome.packVersion(), null, noRule, matched), Optional.empty());
            }
            ModelFallback fallback = model.get();
            ModelPrediction p = fallback.model().predict(event);
            var opinion = new ModelOpinion(p.category(), p.confidence(), p.modelVersion());
            if (p.category() == FailureCategory.UNKNOWN || p.confidence() < fallback.minConfidence()) {
                String why;
                if (p.category() == FailureCategory.UNKNOWN && p.confidence() == 0.0) {
                    why = "the model " + p.modelVersion() + " knows nothing of this text";
                } else if (p.category() == FailureCategory.UNKNOWN) {
                    why = String.format(Locale.ROOT, "the model %s says UNKNOWN with %.2f (outside the taxonomy)",
                            p.modelVersion(), p.confidence());
                } else {
                    why = String.format(Locale.ROOT, "the model %s says %s with %.2f, below the bar of %.2f",
                            p.modelVersion(), p.category(), p.confidence(), fallback.minConfidence());
                }
                return new ClassifiedFailure(new Classification(FailureCategory.UNKNOWN, null, p.confidence(),
                        ClassificationSource.NONE, null, outcome.packVersion(), null, noRule + "; " + why, matched,
                        opinion), Optional.empty());
            }
            String explanation = String.format(Locale.ROOT, "%s; model %s: %s with probability %.2f (bar %.2f); features: %s",
                    noRule, p.modelVersion(), p.category(), p.confidence(), fallback.minConfidence(),
                    String.join(", ", fallback.model().explain(event, p.category(), EXPLAINED_FEATURES)));
            return new ClassifiedFailure(new Classification(p.category(), ModelFallback.usuallyRetryable(p.category()),
                    p.confidence(), ClassificationSource.MODEL, null, outcome.packVersion(), p.modelVersion(), explanation,
                    matched, opinion), Optional.empty());
        }
        RuleMatch rule = best.get();
        String explanation = "rule " + rule.ruleName() + ": " + rule.description()
                + (matched.size() > 1 ? " (also matched: " + String.join(", ", matched.subList(1, matched.size())) + ")" : "");
        ModelOpinion disagreement = null;
        // a second opinion on memory failures only, whose retries change the configuration: on the real corpus no
        // other rule match ever met a model answering a memory category, and asking on every event cost as much as
        // the rest of the decision
        if (model.isPresent() && ModelFallback.isMemory(rule.category())) {
            ModelPrediction p = model.get().model().predict(event);
            if (p.category() != rule.category()) {
                disagreement = new ModelOpinion(p.category(), p.confidence(), p.modelVersion());
                explanation += String.format(Locale.ROOT, "; the model %s says %s (%.2f)", p.modelVersion(), p.category(),
                        p.confidence());
            }
        }
        return new ClassifiedFailure(new Classification(rule.category(), rule.retryable(), rule.confidence(),
                ClassificationSource.RULE, rule.ruleId(), outcome.packVersion(), null, explanation, matched, disagreement),
                best);
    }
}
