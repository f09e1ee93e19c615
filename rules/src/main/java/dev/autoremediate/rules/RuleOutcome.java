package dev.autoremediate.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule pack said about one failure event.
 *
 * @param packVersion the version of the pack that was asked (also when no rule matched)
 * @param matches     every rule that matched, in precedence order, best first (higher confidence, then
 *                    the more specific rule, then the rule id: see {@link RulePack}); empty when no rule matched
 */
public record RuleOutcome(String packVersion, List<RuleMatch> matches) {

    public RuleOutcome {
        Objects.requireNonNull(packVersion, "packVersion");
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    /** The deciding match: the first in precedence order; empty when no rule matched (category UNKNOWN). */
    public Optional<RuleMatch> best() {
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(0));
    }
}
