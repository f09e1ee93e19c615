package dev.autoremediate.tuner;

import dev.autoremediate.datasets.sim.SparkSettings;
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
    private final String name;

    public ModelEstimator(RetryOutcomeModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.name = "model:" + model.version();
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
        RetryOutcomeModel.CandidateScores scores = scores(request);
        if (scores == null) {
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

    /**
     * The same as {@link #forRequest}, each candidate's settings made from its numbers over the failed configuration's
     * (see {@link #settings}) instead of read from its text.
     */
    @Override
    public Function<SparkCandidate, OptionalDouble> forCandidates(TuningRequest request) {
        RetryOutcomeModel.CandidateScores scores = scores(request);
        SparkSettings failed = scores == null ? null : scores.failedSettings();
        if (failed == null) {
            return candidate -> OptionalDouble.empty();
        }
        boolean overheadSet = request.config().containsKey(HeuristicTuner.EXECUTOR_OVERHEAD);
        return candidate -> scores.probability(settings(failed, overheadSet, candidate));
    }

    /** The model's scores of the request's candidates, or {@code null} when its configuration cannot be read. */
    private RetryOutcomeModel.CandidateScores scores(TuningRequest request) {
        try {
            return model.successProbabilities(new RetryCase(request.category(), request.engine(), request.config(),
                    request.metrics(), request.failureText(), Map.of(), request.lastSuccess()));
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * What {@link SparkSettings#of} reads from the candidate's complete configuration: the failed configuration's
     * settings with the candidate's changes, whose text (whole MiB with a unit, whole numbers, {@code -1}) reads back
     * as exactly these numbers; the overhead follows the heap when neither the failed configuration nor the candidate
     * sets it.
     */
    static SparkSettings settings(SparkSettings failed, boolean overheadSet, SparkCandidate c) {
        double heap = c.changes(SparkCandidate.Setting.EXECUTOR_MEMORY)
                ? c.change(SparkCandidate.Setting.EXECUTOR_MEMORY) : failed.heapMb();
        double overhead = c.changes(SparkCandidate.Setting.EXECUTOR_OVERHEAD)
                ? c.change(SparkCandidate.Setting.EXECUTOR_OVERHEAD)
                : overheadSet ? failed.overheadMb() : SparkSettings.defaultOverheadMb(heap);
        return new SparkSettings(heap, overhead,
                value(c, SparkCandidate.Setting.DRIVER_MEMORY, failed.driverMb()),
                value(c, SparkCandidate.Setting.MAX_RESULT_SIZE, failed.maxResultMb()),
                (int) Math.max(1, value(c, SparkCandidate.Setting.EXECUTOR_CORES, failed.cores())),
                (int) Math.max(1, value(c, SparkCandidate.Setting.SHUFFLE_PARTITIONS, failed.partitions())),
                failed.executors(),
                value(c, SparkCandidate.Setting.KRYO_BUFFER_MAX, failed.kryoMaxMb()),
                value(c, SparkCandidate.Setting.BROADCAST_TIMEOUT, failed.broadcastTimeoutSeconds()),
                c.changes(SparkCandidate.Setting.BROADCAST_THRESHOLD)
                        ? c.change(SparkCandidate.Setting.BROADCAST_THRESHOLD) != -1 : failed.broadcastEnabled());
    }

    private static double value(SparkCandidate c, SparkCandidate.Setting setting, double failed) {
        return c.changes(setting) ? c.change(setting) : failed;
    }

    @Override
    public String name() {
        return name;
    }
}
