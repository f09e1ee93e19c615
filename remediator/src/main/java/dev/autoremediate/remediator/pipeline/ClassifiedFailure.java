package dev.autoremediate.remediator.pipeline;

import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.rules.RuleMatch;
import java.util.Optional;

/** The classification of a failure and the rule that decided it, if any (empty for UNKNOWN). */
public record ClassifiedFailure(Classification classification, Optional<RuleMatch> rule) {
}
