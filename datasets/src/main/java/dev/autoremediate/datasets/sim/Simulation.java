package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs every job of a population once a day for a number of days under one {@link RetryStrategy} and measures it.
 * Every run starts from the owner's configuration (the simulated scheduler has no per-job overrides), so the first
 * attempts, and hence the failures, are the same for every strategy; what differs is what happens after them.
 * Deterministic: the same platform, jobs, days and strategy give the same report.
 */
public final class Simulation {

    /** Outcomes of a job kept for its strategy to look at. */
    static final int HISTORY_KEPT = 16;

    private final JobPlatform platform;
    private final List<SimJob> jobs;
    private final int days;
    private final int maxAttemptsPerRun;

    /**
     * @param maxAttemptsPerRun attempts allowed per run, the first included (a strategy asking for more is stopped)
     */
    public Simulation(JobPlatform platform, List<SimJob> jobs, int days, int maxAttemptsPerRun) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, got " + days);
        }
        if (maxAttemptsPerRun < 1) {
            throw new IllegalArgumentException("maxAttemptsPerRun must be at least 1, got " + maxAttemptsPerRun);
        }
        this.platform = platform;
        this.jobs = List.copyOf(jobs);
        this.days = days;
        this.maxAttemptsPerRun = maxAttemptsPerRun;
    }

    public StrategyReport run(RetryStrategy strategy) {
        return run(strategy, attempt -> { });
    }

    /** Runs the strategy; {@code observer} sees every attempt in order (e.g. to write outcomes or training rows). */
    public StrategyReport run(RetryStrategy strategy, Consumer<RunResult> observer) {
        var histories = new HashMap<String, Deque<JobOutcome>>();
        var tally = new Tally();
        for (int day = 0; day < days; day++) {
            for (SimJob job : jobs) {
                Deque<JobOutcome> history = histories.computeIfAbsent(job.jobId(), k -> new ArrayDeque<>());
                runOne(strategy, job, day, history, tally, observer);
            }
        }
        return tally.report(strategy.name(), (long) jobs.size() * days);
    }

    private void runOne(RetryStrategy strategy, SimJob job, int day, Deque<JobOutcome> history, Tally tally,
            Consumer<RunResult> observer) {
        Map<String, String> config = job.ownerConfig();
        RunResult first = attempt(strategy, job, day, 1, config, history, tally, observer);
        if (first.succeeded()) {
            return;
        }
        FailureCategory category = first.trueCategory();
        tally.failures.merge(category.name(), 1L, Long::sum);
        boolean doomed = first.doomed();
        RunResult last = first;
        int retries = 0;
        while (last.failure() != null && last.outcome().attempt() < maxAttemptsPerRun) {
            Optional<Map<String, String>> overrides = strategy.onFailure(last.failure(), List.copyOf(history));
            if (overrides.isEmpty()) {
                break;
            }
            var next = new TreeMap<>(config);
            next.putAll(overrides.get());
            config = next;
            last = attempt(strategy, job, day, last.outcome().attempt() + 1, config, history, tally, observer);
            retries++;
            tally.retryGbHours += last.gbHours();
            if (retries == 1 && last.succeeded()) {
                tally.fixedFirst.merge(category.name(), 1L, Long::sum);
            }
        }
        tally.retries += retries;
        if (doomed) {
            tally.doomed++;
            tally.doomedRetries += retries;
            if (retries == 0) {
                tally.doomedNotRetried++;
            }
        } else if (last.succeeded()) {
            tally.fixed++;
            tally.retriesOfFixed += retries;
        } else {
            tally.unfixed++;
        }
    }

    private RunResult attempt(RetryStrategy strategy, SimJob job, int day, int attempt, Map<String, String> config,
            Deque<JobOutcome> history, Tally tally, Consumer<RunResult> observer) {
        RunResult result = platform.run(job, day, attempt, config, strategy.name());
        tally.totalGbHours += result.gbHours();
        history.addFirst(result.outcome());
        if (history.size() > HISTORY_KEPT) {
            history.removeLast();
        }
        observer.accept(result);
        return result;
    }

    private static final class Tally {
        final Map<String, Long> failures = new TreeMap<>();
        final Map<String, Long> fixedFirst = new TreeMap<>();
        long fixed;
        long retries;
        long retriesOfFixed;
        long doomed;
        long doomedRetries;
        long doomedNotRetried;
        long unfixed;
        double retryGbHours;
        double totalGbHours;

        StrategyReport report(String name, long runs) {
            long failureCount = failures.values().stream().mapToLong(Long::longValue).sum();
            long memory = 0;
            long memoryFirst = 0;
            for (FailureCategory c : FailureCategory.values()) {
                if (c.isMemory()) {
                    memory += failures.getOrDefault(c.name(), 0L);
                    memoryFirst += fixedFirst.getOrDefault(c.name(), 0L);
                }
            }
            return new StrategyReport(name, runs, failureCount, failures, memory, memoryFirst,
                    memory == 0 ? 0 : (double) memoryFirst / memory, new TreeMap<>(fixedFirst), fixed, retries,
                    fixed == 0 ? 0 : (double) retriesOfFixed / fixed, doomed, doomedRetries, doomedNotRetried,
                    retryGbHours, totalGbHours, unfixed);
        }
    }
}
