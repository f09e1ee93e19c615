package dev.autoremediate.remediator.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the last reload of the rule pack said: the seam for hot reload. Without hot reload there is none.
 */
public interface RuleReloadStatus {

    RuleReloadStatus NONE = new RuleReloadStatus() {
        @Override
        public Optional<Instant> lastReloadAt() {
            return Optional.empty();
        }

        @Override
        public List<String> lastErrors() {
            return List.of();
        }
    };

    Optional<Instant> lastReloadAt();

    /** The errors (file and line) of the last reload that failed; empty when it compiled. */
    List<String> lastErrors();
}
