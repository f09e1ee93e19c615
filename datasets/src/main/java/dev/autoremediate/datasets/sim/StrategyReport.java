package dev.autoremediate.datasets.sim;

import java.util.Map;

/**
 * What one strategy achieved over a simulation. A "failure" is a run whose first attempt failed; its category is the
 * true one (the simulator's, not a classifier's). GB-hours are (executors x executor container + driver container)
 * x hours of the attempts counted.
 *
 * @param strategy                     the strategy's name
 * @param runs                         runs simulated (jobs x days)
 * @param failures                     runs whose first attempt failed
 * @param failuresByCategory           those, by true category
 * @param memoryFailures               failures of the three memory categories
 * @param memoryFixedOnFirstRetry      memory failures whose first retry succeeded
 * @param memoryFixedOnFirstRetryShare the share of memory failures fixed on the first remediated retry
 * @param fixedOnFirstRetryByCategory  failures whose first retry succeeded, by category
 * @param fixedFailures                failures that ended in a successful attempt
 * @param retries                      retry attempts made (all failures)
 * @param attemptsPerFixedFailure      retry attempts made on the failures that were fixed, per fixed failure
 * @param doomedFailures               failures of runs that no retry could fix (the owner broke them)
 * @param doomedRetries                retry attempts spent on doomed runs
 * @param doomedRunsNotRetried         doomed runs the strategy did not retry at all
 * @param retryGbHours                 GB-hours of all retry attempts: the cost of remediation
 * @param totalGbHours                 GB-hours of every attempt, first attempts included
 * @param unfixedRetryableFailures     failures that were not doomed and still did not end in success
 */
public record StrategyReport(String strategy, long runs, long failures, Map<String, Long> failuresByCategory,
        long memoryFailures, long memoryFixedOnFirstRetry, double memoryFixedOnFirstRetryShare,
        Map<String, Long> fixedOnFirstRetryByCategory, long fixedFailures, long retries,
        double attemptsPerFixedFailure, long doomedFailures, long doomedRetries, long doomedRunsNotRetried,
        double retryGbHours, double totalGbHours, long unfixedRetryableFailures) {

    public StrategyReport {
        failuresByCategory = Map.copyOf(failuresByCategory);
        fixedOnFirstRetryByCategory = Map.copyOf(fixedOnFirstRetryByCategory);
    }
}
