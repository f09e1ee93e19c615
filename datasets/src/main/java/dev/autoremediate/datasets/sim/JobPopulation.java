package dev.autoremediate.datasets.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws a population of Spark jobs with hidden needs. Seeded: the same seed and size give the same jobs. The
 * distributions (also in {@code datasets/README.md}):
 * <ul>
 *   <li>owner configuration: executors 4..80 (log-uniform), cores 2..5, executor memory 4/6/8/12/16/24g, memory
 *       overhead unset (Spark's 10%, at least 384m) for 60% of jobs, else 1g/2g/3g; driver memory 2/4/8g;
 *       maxResultSize unset (1g) for 75%, else 2g; shuffle partitions 200/400/1000.</li>
 *   <li>executor heap need on day 0: a utilisation of the configured heap uniform in 0.45..0.97;
 *       20% of jobs are skewed (hot-key share 0.3..0.8, else 0..0.1).</li>
 *   <li>off-heap need on day 0: a utilisation of the overhead uniform in 0.40..0.97 (of which heap x 0.03..0.08
 *       comes with the heap); 30% are PySpark jobs with utilisation 0.6..0.97.</li>
 *   <li>driver: heap utilisation 0.3..0.9 of the driver memory; 25% of jobs collect results of 0.3..0.97 of
 *       maxResultSize.</li>
 *   <li>2% of jobs serialize big records (a Kryo need of 0.5..1.2 x the default 64m buffer) and 6% build a broadcast join
 *       (100..290 s of the 300 s timeout).</li>
 *   <li>input: 20..2000 GB log-uniform; growth: none for 35% of jobs, else 0.2..3% a day; day-to-day noise sigma
 *       0.03..0.15; run time 0.2..3 h log-uniform.</li>
 *   <li>failures that are not about resources: an attempt fails for a transient reason with probability
 *       0.5..3%; a day's run is broken by its owner (a doomed run) with probability 0..1.5%.</li>
 * </ul>
 */
public final class JobPopulation {

    static final String[] TEAMS = {"team-playback", "team-search", "team-ads", "team-growth", "team-finance",
            "team-content", "team-ml", "team-payments"};
    private static final String[] KINDS = {"daily_sessions", "ingest_events", "agg_metrics", "build_features",
            "join_catalog", "export_report", "dedupe_logs", "score_model"};

    private JobPopulation() {
    }

    public static List<SimJob> generate(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a population needs at least one job, got " + size);
        }
        var jobs = new ArrayList<SimJob>(size);
        for (int i = 0; i < size; i++) {
            jobs.add(job(seed, i));
        }
        return List.copyOf(jobs);
    }

    static SimJob job(long seed, int index) {
        SplittableRandom r = Streams.of(seed, index, -1, -1, 1);
        String team = TEAMS[r.nextInt(TEAMS.length)];
        String jobId = "sim." + team.substring(5) + "." + KINDS[r.nextInt(KINDS.length)] + "-" + String.format("%04d", index);
        int tier = r.nextInt(4);
        int executors = (int) Math.round(Math.exp(uniform(r, Math.log(4), Math.log(80))));
        int cores = 2 + r.nextInt(4);
        int heapGb = pick(r, 4, 6, 8, 8, 12, 16, 24);
        boolean explicitOverhead = r.nextDouble() < 0.4;
        int overheadGb = pick(r, 1, 2, 3);
        int driverGb = pick(r, 2, 4, 4, 8);
        boolean biggerResults = r.nextDouble() < 0.25;
        int partitions = pick(r, 200, 200, 400, 1000);

        var config = new TreeMap<String, String>();
        config.put(SparkSettings.EXECUTOR_MEMORY, heapGb + "g");
        if (explicitOverhead) {
            config.put(SparkSettings.EXECUTOR_OVERHEAD, overheadGb + "g");
        }
        config.put(SparkSettings.EXECUTOR_CORES, Integer.toString(cores));
        config.put(SparkSettings.EXECUTOR_INSTANCES, Integer.toString(executors));
        config.put(SparkSettings.DRIVER_MEMORY, driverGb + "g");
        if (biggerResults) {
            config.put(SparkSettings.MAX_RESULT_SIZE, "2g");
        }
        config.put(SparkSettings.SHUFFLE_PARTITIONS, Integer.toString(partitions));
        SparkSettings s = SparkSettings.of(config);

        double heapUse = uniform(r, 0.30, 0.88);
        double taskNeed = (heapUse * s.heapMb() - SparkSettings.RESERVED_MB) / cores;
        double hotKey = r.nextDouble() < 0.2 ? uniform(r, 0.3, 0.8) : uniform(r, 0.0, 0.1);
        boolean pyspark = r.nextDouble() < 0.3;
        double nativeUse = pyspark ? uniform(r, 0.5, 0.9) : uniform(r, 0.30, 0.88);
        double nativeRatio = uniform(r, 0.03, 0.08);
        double nativeBase = Math.max(64, nativeUse * s.overheadMb() - nativeRatio * heapUse * s.heapMb());
        double resultMb = r.nextDouble() < 0.25 ? uniform(r, 0.3, 0.9) * s.maxResultMb() : 0;
        double driverBase = Math.max(256, uniform(r, 0.3, 0.9) * s.driverMb() - 1.5 * resultMb);
        double kryo = r.nextDouble() < 0.02 ? uniform(r, 0.5, 1.2) * 64 : 0;
        double broadcast = r.nextDouble() < 0.06 ? uniform(r, 100, 250) : 0;
        double inputGb = Math.exp(uniform(r, Math.log(20), Math.log(2000)));
        double growth = r.nextDouble() < 0.5 ? 0 : uniform(r, 0.001, 0.012);
        double noise = uniform(r, 0.02, 0.10);
        double shuffle = uniform(r, 0.2, 1.5);
        double hours = Math.exp(uniform(r, Math.log(0.2), Math.log(3)));
        double pTransient = uniform(r, 0.005, 0.03);
        double pUser = uniform(r, 0.0, 0.015);
        return new SimJob(jobId, index, team, tier, config, inputGb, growth, noise, shuffle, taskNeed, hotKey,
                nativeBase, nativeRatio, driverBase, resultMb, kryo, broadcast, hours, pTransient, pUser);
    }

    static double uniform(SplittableRandom r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }

    private static int pick(SplittableRandom r, int... values) {
        return values[r.nextInt(values.length)];
    }
}
