package dev.autoremediate.tuner;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Estimates the probability that the retry of a failed attempt succeeds under a candidate configuration.
 * Implementations are thread-safe and deterministic.
 */
public interface SuccessEstimator {

    /**
     * @param candidate the complete configuration of the retry (the failed one with the candidate's changes)
     * @return P(success) in [0, 1], or empty when this estimator cannot judge the case (the tuner then uses its
     *         heuristics)
     */
    OptionalDouble estimate(TuningRequest request, Map<String, String> candidate);

    /**
     * The estimates of many candidates of one request, each the same as {@link #estimate}; an implementation may work
     * out once what depends on the request only.
     */
    default Function<Map<String, String>, OptionalDouble> forRequest(TuningRequest request) {
        return candidate -> estimate(request, candidate);
    }

    /**
     * The estimates of the candidates of one request's search, each the same as {@link #estimate} of the candidate's
     * complete configuration ({@link SparkCandidate#config()}, which this default writes out); an implementation may
     * read the candidate's numbers instead.
     */
    default Function<SparkCandidate, OptionalDouble> forCandidates(TuningRequest request) {
        Function<Map<String, String>, OptionalDouble> each = forRequest(request);
        return candidate -> each.apply(candidate.config());
    }

    /** Names the estimator in explanations: {@code heuristic}, {@code model:oc-1a2b…}. */
    String name();
}
