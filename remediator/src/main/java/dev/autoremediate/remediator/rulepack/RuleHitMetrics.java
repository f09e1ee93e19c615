package dev.autoremediate.remediator.rulepack;

import dev.autoremediate.rules.RuleMatch;
import dev.autoremediate.rules.RuleOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.Consumer;

/**
 * Per-rule hit counters: {@code autoremediate.rule.hits{rule, category, decided}} counts every rule that matched a
 * classified failure ({@code decided=true} for the rule that decided it, {@code false} for the others that also
 * matched); {@code autoremediate.rule.unmatched} counts failures no rule matched. Registered as a listener of the
 * pipeline's {@code FailureClassifier}.
 */
public final class RuleHitMetrics implements Consumer<RuleOutcome> {

    public static final String HITS = "autoremediate.rule.hits";
    public static final String UNMATCHED = "autoremediate.rule.unmatched";

    private final MeterRegistry registry;
    private final Counter unmatched;

    public RuleHitMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unmatched = Counter.builder(UNMATCHED).description("Classified failures no rule matched")
                .register(registry);
    }

    @Override
    public void accept(RuleOutcome outcome) {
        List<RuleMatch> matches = outcome.matches();
        if (matches.isEmpty()) {
            unmatched.increment();
            return;
        }
        for (int i = 0; i < matches.size(); i++) {
            RuleMatch m = matches.get(i);
            Counter.builder(HITS).description("Failures a rule matched (decided=true: the rule decided them)")
                    .tag("rule", m.ruleId()).tag("category", m.category().name()).tag("decided", String.valueOf(i == 0))
                    .register(registry).increment();
        }
    }
}
