package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Job-run histories for the retry-outcome model: every job of a population runs once a day; each failure of a
 * category the config tuner searches (the three memory categories, a Kryo buffer overflow, a broadcast timeout) is
 * retried under several explored configurations, and each retry is one {@link RetryRecord}. Seeded and deterministic.
 *
 * <p>Explored configurations (per failure, independently):
 * <ul>
 *   <li>executor OOM: executor memory x U(1, 2); with probability 1/4 one core fewer or half the cores; with 1/4 twice
 *       the shuffle partitions; with 1/5 an explicit overhead x U(1, 1.5);</li>
 *   <li>overhead: memory overhead x U(1, 2.2); with 3/10 executor memory x U(1, 1.3);</li>
 *   <li>driver: driver memory x U(1, 2) and, when results exceeded it, maxResultSize x U(1, 2);</li>
 *   <li>Kryo: the buffer x 1.5, 2, 3 or 4; broadcast: the timeout x U(1, 2.5), or with 3/10 the broadcast join
 *       disabled.</li>
 * </ul>
 * With probability 0.35 one other need is raised too (driver memory, overhead or maxResultSize x U(1, 1.6)), as the
 * tuner's companion changes do. Memory values are rounded up to 256 MiB as the tuner writes them. The job's history advances with the first explored
 * retry, as if it had been the one taken.
 */
public final class RetryHistories {

    private static final int EXPLORE = 6;

    private RetryHistories() {
    }

    public static List<RetryRecord> generate(long seed, int jobs, int days, int candidatesPerFailure) {
        if (candidatesPerFailure < 1) {
            throw new IllegalArgumentException("candidatesPerFailure must be at least 1");
        }
        var platform = new JobPlatform(seed);
        var records = new ArrayList<RetryRecord>();
        var lastSuccess = new HashMap<String, JobOutcome>();
        List<SimJob> population = JobPopulation.generate(seed, jobs);
        for (int day = 0; day < days; day++) {
            for (SimJob job : population) {
                RunResult first = platform.run(job, day, 1, job.ownerConfig(), "history");
                if (first.succeeded()) {
                    lastSuccess.put(job.jobId(), first.outcome());
                    continue;
                }
                FailureCategory category = first.trueCategory();
                if (!tunable(category)) {
                    continue;
                }
                Optional<JobOutcome> before = Optional.ofNullable(lastSuccess.get(job.jobId()));
                SplittableRandom r = Streams.of(seed, job.index(), day, 1, EXPLORE);
                for (int k = 0; k < candidatesPerFailure; k++) {
                    Map<String, String> candidate = explore(category, job.ownerConfig(),
                            first.failure().failure().allText(), r);
                    RunResult retry = platform.run(job, day, 2, candidate, "history-" + k);
                    records.add(new RetryRecord(first.failure(), category, before, retry.outcome()));
                    if (k == 0 && retry.succeeded()) {
                        lastSuccess.put(job.jobId(), retry.outcome());
                    }
                }
            }
        }
        return List.copyOf(records);
    }

    /** The categories whose retries the tuner searches configurations for. */
    public static boolean tunable(FailureCategory category) {
        return category.isMemory() || category == FailureCategory.SERIALIZATION || category == FailureCategory.TIMEOUT;
    }

    static Map<String, String> explore(FailureCategory category, Map<String, String> config, String text,
            SplittableRandom r) {
        SparkSettings s = SparkSettings.of(config);
        var c = new TreeMap<>(config);
        switch (category) {
            case MEMORY_EXECUTOR_OOM -> {
                c.put(SparkSettings.EXECUTOR_MEMORY, size(s.heapMb() * uniform(r, 1, 2)));
                double shape = r.nextDouble();
                if (shape < 0.125 && s.cores() > 1) {
                    c.put(SparkSettings.EXECUTOR_CORES, Integer.toString(s.cores() - 1));
                } else if (shape < 0.25 && s.cores() > 1) {
                    c.put(SparkSettings.EXECUTOR_CORES, Integer.toString((s.cores() + 1) / 2));
                }
                if (r.nextDouble() < 0.25) {
                    c.put(SparkSettings.SHUFFLE_PARTITIONS, Integer.toString(2 * s.partitions()));
                }
                if (r.nextDouble() < 0.2) {
                    c.put(SparkSettings.EXECUTOR_OVERHEAD, size(s.overheadMb() * uniform(r, 1, 1.5)));
                }
            }
            case MEMORY_OVERHEAD -> {
                c.put(SparkSettings.EXECUTOR_OVERHEAD, size(s.overheadMb() * uniform(r, 1, 2.2)));
                if (r.nextDouble() < 0.3) {
                    c.put(SparkSettings.EXECUTOR_MEMORY, size(s.heapMb() * uniform(r, 1, 1.3)));
                }
            }
            case MEMORY_DRIVER -> {
                c.put(SparkSettings.DRIVER_MEMORY, size(s.driverMb() * uniform(r, 1, 2)));
                if (text.toLowerCase(java.util.Locale.ROOT).contains("maxresultsize") && s.maxResultMb() > 0) {
                    c.put(SparkSettings.MAX_RESULT_SIZE, size(s.maxResultMb() * uniform(r, 1, 2)));
                }
            }
            case SERIALIZATION -> c.put(SparkSettings.KRYO_BUFFER_MAX,
                    SparkSettings.sparkSize(Math.min(2047, s.kryoMaxMb() * new double[] {1.5, 2, 3, 4}[r.nextInt(4)])));
            case TIMEOUT -> {
                if (r.nextDouble() < 0.3) {
                    c.put(SparkSettings.BROADCAST_THRESHOLD, "-1");
                } else {
                    c.put(SparkSettings.BROADCAST_TIMEOUT,
                            Long.toString((long) Math.ceil(s.broadcastTimeoutSeconds() * uniform(r, 1, 2.5))));
                }
            }
            default -> throw new IllegalArgumentException(category + " is not tuned");
        }
        // now and then a need the failure did not name is raised too, as the tuner's companion changes do
        if (r.nextDouble() < 0.35) {
            SparkSettings after = SparkSettings.of(c);
            switch (r.nextInt(3)) {
                case 0 -> c.put(SparkSettings.DRIVER_MEMORY, size(after.driverMb() * uniform(r, 1, 1.6)));
                case 1 -> c.put(SparkSettings.EXECUTOR_OVERHEAD, size(after.overheadMb() * uniform(r, 1, 1.6)));
                default -> {
                    if (after.maxResultMb() > 0) {
                        c.put(SparkSettings.MAX_RESULT_SIZE, size(after.maxResultMb() * uniform(r, 1, 1.6)));
                    }
                }
            }
        }
        return c;
    }

    private static String size(double mb) {
        return SparkSettings.sparkSize(Oracle.roundUp(mb));
    }

    private static double uniform(SplittableRandom r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }
}
