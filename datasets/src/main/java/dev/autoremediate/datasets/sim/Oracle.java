package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The strategy that knows the hidden truth: it never retries a doomed run, retries a transient failure as it was,
 * and otherwise retries with the cheapest configuration (in GB-hours) under which the next attempt's true needs fit:
 * memory values rounded up as the tuner rounds them (256 MiB from 1 GiB), fewer cores or more partitions when that
 * is cheaper or the only way under the container cap. It is the yardstick of cost, not a reachable policy.
 */
public final class Oracle implements RetryStrategy {

    private final JobPlatform platform;
    private final Map<String, SimJob> jobs = new HashMap<>();
    private final double maxContainerMb;

    public Oracle(JobPlatform platform, List<SimJob> population, double maxContainerMb) {
        this.platform = platform;
        population.forEach(j -> jobs.put(j.jobId(), j));
        this.maxContainerMb = maxContainerMb;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
        SimJob job = jobs.get(failed.job().jobId());
        int day = JobPlatform.dayOf(failed.job().runId());
        if (platform.ownerError(job, day) != null) {
            return Optional.empty();
        }
        return cheapestFix(job, day, failed.job().attempt() + 1, failed.job().config());
    }

    /** The cheapest overrides under which attempt {@code attempt} has room for its needs; empty when none fits. */
    public Optional<Map<String, String>> cheapestFix(SimJob job, int day, int attempt, Map<String, String> config) {
        SparkSettings now = SparkSettings.of(config);
        Map<String, String> best = null;
        double bestCost = Double.MAX_VALUE;
        for (int cores = now.cores(); cores >= 1; cores--) {
            for (int factor = 1; factor <= 8; factor *= 2) {
                int partitions = now.partitions() * factor;
                Needs needs = platform.needs(job, day, attempt, cores, partitions);
                var overrides = new TreeMap<String, String>();
                if (cores != now.cores()) {
                    overrides.put(SparkSettings.EXECUTOR_CORES, Integer.toString(cores));
                }
                if (partitions != now.partitions()) {
                    overrides.put(SparkSettings.SHUFFLE_PARTITIONS, Integer.toString(partitions));
                }
                double heap = now.heapMb();
                if (needs.heapMb() > heap) {
                    heap = roundUp(needs.heapMb());
                    overrides.put(SparkSettings.EXECUTOR_MEMORY, SparkSettings.sparkSize(heap));
                }
                Map<String, String> merged = merge(config, overrides);
                double overhead = SparkSettings.of(merged).overheadMb();
                if (needs.nativeMb() > overhead) {
                    overhead = roundUp(needs.nativeMb());
                    overrides.put(SparkSettings.EXECUTOR_OVERHEAD, SparkSettings.sparkSize(overhead));
                }
                if (heap + overhead > maxContainerMb) {
                    continue;
                }
                if (now.maxResultMb() > 0 && needs.resultMb() > now.maxResultMb()) {
                    overrides.put(SparkSettings.MAX_RESULT_SIZE, SparkSettings.sparkSize(roundUp(needs.resultMb())));
                }
                if (needs.driverMb() > now.driverMb()) {
                    overrides.put(SparkSettings.DRIVER_MEMORY, SparkSettings.sparkSize(roundUp(needs.driverMb())));
                }
                if (needs.kryoMb() > now.kryoMaxMb()) {
                    overrides.put(SparkSettings.KRYO_BUFFER_MAX, SparkSettings.sparkSize(Math.min(2047, Math.ceil(needs.kryoMb()))));
                }
                if (now.broadcastEnabled() && needs.broadcastSeconds() > now.broadcastTimeoutSeconds()) {
                    overrides.put(SparkSettings.BROADCAST_TIMEOUT, Long.toString((long) Math.ceil(needs.broadcastSeconds())));
                }
                SparkSettings after = SparkSettings.of(merge(config, overrides));
                double cost = (after.executors() * after.containerMb() + after.driverContainerMb()) * needs.hours();
                if (cost < bestCost) {
                    bestCost = cost;
                    best = overrides;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Up to a multiple of 256 MiB from 1 GiB, of 64 MiB below: the granularity of the tuner. */
    static double roundUp(double mb) {
        double step = mb >= 1024 ? 256 : 64;
        return Math.ceil(mb / step - 1e-9) * step;
    }

    private static Map<String, String> merge(Map<String, String> config, Map<String, String> overrides) {
        var merged = new TreeMap<>(config);
        merged.putAll(overrides);
        return merged;
    }
}
