package dev.autoremediate.tuner;

import dev.autoremediate.model.outcome.RetryCase;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Success estimates from the retry-outcome model of {@code ml-model}. It answers for the cases the model covers (Spark,
 * the tuned categories) and stays silent otherwise, so that the tuner falls back to its heuristics.
 */
public final class ModelEstimator implements SuccessEstimator {

    private final RetryOutcomeModel model;

    public ModelEstimator(RetryOutcomeModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public OptionalDouble estimate(TuningRequest request, Map<String, String> candidate) {
        try {
            return model.successProbability(new RetryCase(request.category(), request.engine(), request.config(),
                    request.metrics(), request.failureText(), candidate, request.lastSuccess()));
        } catch (IllegalArgumentException unreadable) {
            return OptionalDouble.empty();
        }
    }

    @Override
    public Function<Map<String, String>, OptionalDouble> forRequest(TuningRequest request) {
        Function<Map<String, String>, OptionalDouble> scores;
        try {
            scores = model.successProbabilities(new RetryCase(request.category(), request.engine(), request.config(),
                    request.metrics(), request.failureText(), Map.of(), request.lastSuccess()));
        } catch (IllegalArgumentException unreadable) {
            return candidate -> OptionalDouble.empty();
        }
        return candidate -> {
            try {
                return scores.apply(candidate);
            } catch (IllegalArgumentException unreadable) {
                return OptionalDouble.empty();
            }
        };
    }

    @Override
    public String name() {
        return "model:" + model.version();
    }
}
