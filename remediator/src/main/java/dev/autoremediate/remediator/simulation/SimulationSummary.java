package dev.autoremediate.remediator.simulation;

import dev.autoremediate.datasets.sim.StrategyReport;
import java.util.List;
import java.util.Map;

/**
 * The JSON summary of {@code simulate}: the same jobs and days under each strategy.
 *
 * @param seed              the simulator's seed
 * @param jobs              jobs simulated
 * @param days              days simulated
 * @param maxAttemptsPerRun attempts allowed per run (the policy's retry budget)
 * @param failures          runs whose first attempt failed (the same for every strategy)
 * @param failuresByCategory those, by true category
 * @param strategies        per strategy, in order: the tuned policy first, the oracle last
 * @param targets           the headline targets and whether the tuned policy met them
 */
public record SimulationSummary(long seed, int jobs, int days, int maxAttemptsPerRun, long failures,
        Map<String, Long> failuresByCategory, List<Result> strategies, Targets targets) {

    /**
     * One strategy's figures.
     *
     * @param memoryFixedOnFirstRetryShare share of memory failures fixed on the first remediated retry
     * @param fixedShare                   share of the failures that could be fixed (not doomed) that ended in success
     * @param attemptsPerFixedFailure      retry attempts per fixed failure
     * @param retryGbHours                 GB-hours of the retry attempts
     * @param retryGbHoursVsOracle         that, relative to the oracle's
     * @param totalGbHoursVsOracle         GB-hours of every attempt (first attempts included), relative to the oracle's
     * @param doomedRetries                retry attempts spent on doomed runs
     * @param doomedRetriesAvoided         doomed retries avoided, relative to Maestro's default (which retries them all)
     * @param meanPredictedSuccess         mean predicted success of the tuned decisions that carried one (null for
     *                                     baselines)
     */
    public record Result(String strategy, double memoryFixedOnFirstRetryShare, long memoryFixedOnFirstRetry,
            long memoryFailures, Map<String, Double> fixedOnFirstRetryShareByCategory, double fixedShare,
            long fixedFailures, long retries, double attemptsPerFixedFailure, double retryGbHours,
            double retryGbHoursVsOracle, double totalGbHours, double totalGbHoursVsOracle, long doomedFailures,
            long doomedRetries, long doomedRetriesAvoided, long unfixedRetryableFailures, Double meanPredictedSuccess) {
    }

    /**
     * @param memoryFixedOnFirstRetryAtLeast90 the tuned policy fixed at least 90% of memory failures on the first retry
     * @param retryGbHoursAtMost1_2xOracle     its retry GB-hours are at most 1.2 x the oracle's
     * @param aheadOfEveryBaseline             against each baseline: a first-retry memory fix share at least the
     *                                         baseline's, or within 5 points of it at lower retry GB-hours; no more
     *                                         retry GB-hours unless more than 5 points ahead; no more doomed retries
     */
    public record Targets(boolean memoryFixedOnFirstRetryAtLeast90, boolean retryGbHoursAtMost1_2xOracle,
            boolean aheadOfEveryBaseline) {
    }

    static Result result(StrategyReport r, StrategyReport oracle, StrategyReport maestro, Double meanPredicted) {
        var byCategory = new java.util.TreeMap<String, Double>();
        r.failuresByCategory().forEach((category, count) -> byCategory.put(category,
                round(count == 0 ? 0 : (double) r.fixedOnFirstRetryByCategory().getOrDefault(category, 0L) / count)));
        long fixable = r.failures() - r.doomedFailures();
        return new Result(r.strategy(), round(r.memoryFixedOnFirstRetryShare()), r.memoryFixedOnFirstRetry(),
                r.memoryFailures(), byCategory, round(fixable == 0 ? 0 : (double) r.fixedFailures() / fixable),
                r.fixedFailures(), r.retries(), round(r.attemptsPerFixedFailure()), round(r.retryGbHours()),
                round(oracle.retryGbHours() == 0 ? 0 : r.retryGbHours() / oracle.retryGbHours()), round(r.totalGbHours()),
                round(oracle.totalGbHours() == 0 ? 0 : r.totalGbHours() / oracle.totalGbHours()), r.doomedFailures(),
                r.doomedRetries(), maestro.doomedRetries() - r.doomedRetries(), r.unfixedRetryableFailures(),
                meanPredicted == null ? null : round(meanPredicted));
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
