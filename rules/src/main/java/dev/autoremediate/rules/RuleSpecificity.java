package dev.autoremediate.rules;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.definition.rule.Rule;

/**
 * How specific a compiled rule is: the number of constraints its {@code when} part checks, the second key of
 * precedence. Each constraint of a pattern counts one ({@code FailureFact( text contains "a", exitCode == 50 )} is 2;
 * {@code text contains "a" || text contains "b"} is one constraint). The branches of an {@code and}, {@code not} and
 * {@code exists} add up; an {@code or} counts as its least specific branch, since any branch alone is enough.
 *
 * <p>Reads Drools' compiled rule model ({@code drools-base}); should a later Drools hide it, every rule counts 0 and
 * precedence falls through to the rule id.
 */
final class RuleSpecificity {

    private RuleSpecificity() {
    }

    static int of(Rule rule) {
        try {
            if (rule instanceof RuleImpl impl && impl.getLhs() != null) {
                return count(impl.getLhs());
            }
        } catch (RuntimeException | LinkageError e) {
            // fall through: unknown specificity
        }
        return 0;
    }

    private static int count(RuleConditionElement element) {
        if (element instanceof Pattern pattern) {
            int own = pattern.getConstraints().size();
            return pattern.getSource() == null ? own : own + count(pattern.getSource());
        }
        if (element instanceof GroupElement group) {
            if (group.isOr()) {
                return group.getChildren().stream().mapToInt(RuleSpecificity::count).min().orElse(0);
            }
            return group.getChildren().stream().mapToInt(RuleSpecificity::count).sum();
        }
        return 1;
    }
}
