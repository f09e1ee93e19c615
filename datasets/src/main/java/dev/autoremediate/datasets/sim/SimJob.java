package dev.autoremediate.datasets.sim;

import java.util.Map;

/**
 * One simulated Spark job: what its owner configured and what it really needs (hidden from every strategy but the
 * oracle). Sizes in MiB, times in hours or seconds as named. See {@link JobPopulation} for the distributions.
 *
 * @param jobId              stable id of the job definition
 * @param index              position in the population (part of every random stream's seed)
 * @param owner              owning team
 * @param tier               criticality, 0 most critical
 * @param ownerConfig        the configuration every run starts from (the scheduler's job definition)
 * @param inputGb0           input size on day 0
 * @param growthPerDay       exponential growth rate of the input per day
 * @param inputNoise         sigma of the day-to-day log-normal noise of the input
 * @param shuffleRatio       shuffle bytes per input byte
 * @param taskNeedMb0        heap one task needs on day 0 with the owner's partitions (the hidden executor need is
 *                           reserved 300 MiB + cores x this)
 * @param hotKeyShare        skew: the share of the largest task's data that more partitions cannot split
 * @param nativeBaseMb0      off-heap (native, Python worker) memory per executor on day 0, grows with the square root
 *                           of the input
 * @param nativeRatio        off-heap memory that comes with each MiB of heap used (netty buffers, metaspace, GC)
 * @param driverBaseMb0      driver heap need on day 0 without collected results, grows with input^0.3
 * @param resultMb0          results collected to the driver on day 0 (0 for jobs that collect nothing)
 * @param kryoNeedMb0        largest serialized record on day 0 (0 for jobs without big records), grows with input^0.2
 * @param broadcastSeconds0  time to build the broadcast side of a join on day 0 (0 without a broadcast join)
 * @param baseHours          run time on day 0 with the owner's configuration
 * @param pTransient         probability that an attempt fails for a transient reason
 * @param pUserError         probability that a day's run is broken by its owner (doomed: every attempt fails)
 */
public record SimJob(String jobId, int index, String owner, int tier, Map<String, String> ownerConfig,
        double inputGb0, double growthPerDay, double inputNoise, double shuffleRatio, double taskNeedMb0,
        double hotKeyShare, double nativeBaseMb0, double nativeRatio, double driverBaseMb0, double resultMb0,
        double kryoNeedMb0, double broadcastSeconds0, double baseHours, double pTransient, double pUserError) {

    public SimJob {
        ownerConfig = Map.copyOf(ownerConfig);
    }

    public SparkSettings ownerSettings() {
        return SparkSettings.of(ownerConfig);
    }
}
