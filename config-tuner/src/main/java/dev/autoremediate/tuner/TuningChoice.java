package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ConfigCandidate;
import java.util.List;

/**
 * What {@link ConfigSearch#choose} picked, and why.
 *
 * @param result              the changes (or why none is possible)
 * @param predictedSuccess    the chosen candidate's estimated success probability; {@code null} when the rule's
 *                            steps were applied without a search
 * @param predictedCostChange its GB-hours relative to a retry with the failed configuration, minus 1; {@code null}
 *                            without a search
 * @param candidates          the best candidates weighed, the chosen one first (at most {@link ConfigSearch#TOP})
 * @param method              how the choice was made, for the decision's reason
 */
public record TuningChoice(TuningResult result, Double predictedSuccess, Double predictedCostChange,
        List<ConfigCandidate> candidates, String method) {

    public TuningChoice {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
