package dev.autoremediate.remediator.pipeline;

import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.rules.RuleMatch;
import dev.autoremediate.rules.RuleOutcome;
import dev.autoremediate.rules.RulePack;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Classifies failures with the current rule pack. The pack is held in an atomic reference so that a new pack can be
 * swapped in without a restart; every classification names the pack version it used.
 */
public final class FailureClassifier {

    private final AtomicReference<RulePack> pack;
    private final List<Consumer<RuleOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();

    public FailureClassifier(RulePack pack) {
        this.pack = new AtomicReference<>(Objects.requireNonNull(pack, "pack"));
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

    public ClassifiedFailure classify(FailureEvent event) {
        RuleOutcome outcome = pack.get().classify(event);
        outcomeListeners.forEach(l -> l.accept(outcome));
        Optional<RuleMatch> best = outcome.best();
        var matched = outcome.matches().stream().map(RuleMatch::ruleId).toList();
        if (best.isEmpty()) {
            return new ClassifiedFailure(new Classification(FailureCategory.UNKNOWN, null, 0.0, ClassificationSource.NONE,
                    null, outcome.packVersion(), null, "no rule of pack " + outcome.packVersion() + " matched", matched),
                    Optional.empty());
        }
        RuleMatch rule = best.get();
        String explanation = "rule " + rule.ruleName() + ": " + rule.description()
                + (matched.size() > 1 ? " (also matched: " + String.join(", ", matched.subList(1, matched.size())) + ")" : "");
        return new ClassifiedFailure(new Classification(rule.category(), rule.retryable(), rule.confidence(),
                ClassificationSource.RULE, rule.ruleId(), outcome.packVersion(), null, explanation, matched), best);
    }
}
