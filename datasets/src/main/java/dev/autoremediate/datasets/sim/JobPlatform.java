package dev.autoremediate.datasets.sim;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The simulated platform: runs one attempt of a job on a day under a configuration and reports it in contract v1.
 * Deterministic: the same seed, job, day, attempt and configuration give the same result, whatever ran before.
 *
 * <h2>The model of an attempt</h2>
 * <ul>
 *   <li>input = input0 x e^(growth x day) x e^(noise x z_day); dataScale = input / input0.</li>
 *   <li>executor heap need = 300 MiB + cores x taskNeed0 x dataScale x ((1 - hotKey) x P0 / P + hotKey) x
 *       e^(0.04 z), with P the shuffle partitions (P0 the owner's): more partitions shrink tasks except the hot key;
 *       fewer cores per executor shrink the executor's need.</li>
 *   <li>off-heap need = nativeBase0 x sqrt(dataScale) x e^(0.05 z) + nativeRatio x heap need.</li>
 *   <li>driver need = driverBase0 x dataScale^0.3 x e^(0.04 z) + 1.5 x collected results; results = result0 x
 *       dataScale; Kryo need = kryo0 x dataScale^0.2; broadcast time = broadcast0 x dataScale x e^(0.1 z).</li>
 *   <li>run time = baseHours x dataScale x cores0 / cores x (1 + 0.03 x log2(P / P0) when P > P0) x (1.1 when a
 *       broadcast join is disabled) x e^(0.05 z).</li>
 *   <li>an attempt fails, checked in this order: the day's run is doomed (owner error: USER_CODE 40%, SQL_ANALYSIS
 *       20%, DATA_SCHEMA 15%, PERMISSION 15%, DEPENDENCY 10%); a transient failure (TRANSIENT_IO 45%, EXECUTOR_LOST
 *       35%, SHUFFLE_FETCH 20%); the Kryo need above {@code kryoserializer.buffer.max} (SERIALIZATION); the broadcast
 *       time above {@code broadcastTimeout} (TIMEOUT); heap or off-heap need above the executor memory or overhead
 *       (MEMORY_EXECUTOR_OOM or MEMORY_OVERHEAD, the larger shortfall); results above {@code maxResultSize} or the
 *       driver need above the driver memory (MEMORY_DRIVER). A failed attempt stops part-way (a uniform share of the
 *       run time, later for driver failures) and costs that share.</li>
 *   <li>cost = (executors x (executor memory + overhead) + driver memory + its overhead) x hours, in GB-hours.</li>
 * </ul>
 *
 * <h2>What the engine reports (the metrics of contract v1)</h2>
 * input bytes, shuffle bytes (written so far), spill (the shuffle share that did not fit execution memory:
 * 1 - 0.9 x heap / heap need, with noise), peak executor heap (the need on success, the ceiling on an OOM),
 * peak executor RSS (above the container limit when it was killed), peak driver heap, collected result bytes (on
 * success; the limit on a maxResultSize abort), duration until the end or the failure, executors and tasks.
 */
public final class JobPlatform {

    /** Day 0 of every simulation. */
    public static final LocalDate START = LocalDate.of(2026, 11, 1);
    private static final double GIB = 1L << 30;
    private static final double MIB = 1L << 20;

    private static final int DAY_NOISE = 2;
    private static final int ATTEMPT_NOISE = 3;
    private static final int OWNER_ERROR = 4;
    private static final int REPORT = 5;

    private final long seed;

    public JobPlatform(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The runId of a job's run on a day: {@code <jobId>/<date>}. */
    public static String runId(SimJob job, int day) {
        return job.jobId() + "/" + START.plusDays(day);
    }

    /** The day of a runId made by {@link #runId}. */
    public static int dayOf(String runId) {
        return (int) (LocalDate.parse(runId.substring(runId.lastIndexOf('/') + 1)).toEpochDay() - START.toEpochDay());
    }

    /** The hidden needs of an attempt with the given cores per executor and shuffle partitions. */
    public Needs needs(SimJob job, int day, int attempt, int cores, int partitions) {
        SparkSettings owner = job.ownerSettings();
        double zDay = Streams.gaussian(Streams.of(seed, job.index(), day, 0, DAY_NOISE));
        double dataScale = Math.exp(job.growthPerDay() * day + job.inputNoise() * zDay);
        SplittableRandom n = Streams.of(seed, job.index(), day, attempt, ATTEMPT_NOISE);
        double zHeap = Streams.gaussian(n);
        double zNative = Streams.gaussian(n);
        double zDriver = Streams.gaussian(n);
        double zBroadcast = Streams.gaussian(n);
        double zHours = Streams.gaussian(n);
        double split = (1 - job.hotKeyShare()) * owner.partitions() / partitions + job.hotKeyShare();
        double taskNeed = job.taskNeedMb0() * dataScale * split * Math.exp(0.04 * zHeap);
        double heap = SparkSettings.RESERVED_MB + cores * taskNeed;
        double nativeMb = job.nativeBaseMb0() * Math.sqrt(dataScale) * Math.exp(0.05 * zNative) + job.nativeRatio() * heap;
        double result = job.resultMb0() * dataScale;
        double driver = job.driverBaseMb0() * Math.pow(dataScale, 0.3) * Math.exp(0.04 * zDriver) + 1.5 * result;
        double kryo = job.kryoNeedMb0() * Math.pow(dataScale, 0.2);
        double broadcast = job.broadcastSeconds0() * dataScale * Math.exp(0.1 * zBroadcast);
        double partitionCost = partitions > owner.partitions() ? 1 + 0.03 * log2((double) partitions / owner.partitions()) : 1;
        double hours = job.baseHours() * dataScale * owner.cores() / cores * partitionCost * Math.exp(0.05 * zHours);
        return new Needs(dataScale, heap, nativeMb, driver, result, kryo, broadcast, hours);
    }

    /**
     * Runs one attempt.
     *
     * @param namespace makes event ids unique per simulation run and strategy (e.g. {@code "tuned"})
     */
    public RunResult run(SimJob job, int day, int attempt, Map<String, String> config, String namespace) {
        SparkSettings s = SparkSettings.of(config);
        Needs needs = needs(job, day, attempt, s.cores(), s.partitions());
        double hours = needs.hours() * (!s.broadcastEnabled() && job.broadcastSeconds0() > 0 ? 1.1 : 1.0);
        SplittableRandom r = Streams.of(seed, job.index(), day, attempt, REPORT);
        double draw = r.nextDouble();
        FailureCategory category = null;
        boolean doomed = false;
        double fraction = 1;
        boolean resultLimitHit = false;
        FailureCategory ownerError = ownerError(job, day);
        if (ownerError != null) {
            category = ownerError;
            doomed = true;
            fraction = uniform(r, 0.02, 0.5);
        } else if (draw < job.pTransient()) {
            double which = r.nextDouble();
            category = which < 0.45 ? FailureCategory.TRANSIENT_IO
                    : which < 0.80 ? FailureCategory.EXECUTOR_LOST : FailureCategory.SHUFFLE_FETCH;
            fraction = uniform(r, 0.1, 0.95);
        } else if (needs.kryoMb() > s.kryoMaxMb()) {
            category = FailureCategory.SERIALIZATION;
            fraction = uniform(r, 0.1, 0.6);
        } else if (s.broadcastEnabled() && needs.broadcastSeconds() > s.broadcastTimeoutSeconds()) {
            category = FailureCategory.TIMEOUT;
            fraction = uniform(r, 0.05, 0.4);
        } else if (needs.heapMb() > s.heapMb() || needs.nativeMb() > s.overheadMb()) {
            category = needs.heapMb() / s.heapMb() >= needs.nativeMb() / s.overheadMb()
                    ? FailureCategory.MEMORY_EXECUTOR_OOM : FailureCategory.MEMORY_OVERHEAD;
            fraction = uniform(r, 0.3, 0.9);
        } else if (s.maxResultMb() > 0 && needs.resultMb() > s.maxResultMb() || needs.driverMb() > s.driverMb()) {
            category = FailureCategory.MEMORY_DRIVER;
            resultLimitHit = s.maxResultMb() > 0 && needs.resultMb() > s.maxResultMb();
            fraction = uniform(r, 0.85, 0.99);
        }
        boolean failed = category != null;
        double ranHours = hours * fraction;
        double gbHours = (s.executors() * s.containerMb() + s.driverContainerMb()) / 1024 * ranHours;

        // what the engine reports
        double inputBytes = job.inputGb0() * needs.dataScale() * GIB;
        double shuffle = inputBytes * job.shuffleRatio() * fraction;
        double spillShare = Math.max(0, 1 - 0.9 * s.heapMb() / needs.heapMb());
        double spill = Math.min(0.95, spillShare * Math.exp(0.15 * Streams.gaussian(r))) * shuffle;
        double peakHeap = category == FailureCategory.MEMORY_EXECUTOR_OOM ? s.heapMb() * uniform(r, 0.96, 1.0)
                : Math.min(needs.heapMb(), s.heapMb()) * (failed ? uniform(r, 0.85, 1.0) : uniform(r, 0.95, 1.0));
        double rss = category == FailureCategory.MEMORY_OVERHEAD ? s.containerMb() * uniform(r, 1.0, 1.06)
                : peakHeap + Math.min(needs.nativeMb(), s.overheadMb()) * uniform(r, 0.9, 1.0);
        double peakDriver = category == FailureCategory.MEMORY_DRIVER && !resultLimitHit
                ? s.driverMb() * uniform(r, 0.96, 1.0) : Math.min(needs.driverMb(), s.driverMb()) * uniform(r, 0.9, 1.0);
        double resultMb = resultLimitHit ? s.maxResultMb() * uniform(r, 1.0, 1.04) : needs.resultMb();
        Long resultBytes = failed && !resultLimitHit ? null : (long) (resultMb * MIB);
        long durationSeconds = Math.max(1, Math.round(ranHours * 3600));
        int tasks = s.partitions() * 3 + (int) Math.ceil(inputBytes / (128 * MIB));
        var metrics = new RunMetrics((long) inputBytes, (long) shuffle, (long) shuffle, (long) spill,
                (long) (peakHeap * MIB), (long) (rss * MIB), (long) (peakDriver * MIB), resultBytes, durationSeconds,
                s.executors(), tasks);

        String runId = runId(job, day);
        Instant started = START.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC)
                .plus(Duration.ofMinutes(60L * (job.index() % 20) + 10L * attempt * attempt));
        Instant finished = started.plusSeconds(durationSeconds);
        String eventId = null;
        FailureEvent event = null;
        if (failed) {
            eventId = UUID.nameUUIDFromBytes((namespace + "|" + seed + "|" + runId + "|" + attempt)
                    .getBytes(StandardCharsets.UTF_8)).toString();
            var facts = new Messages.Facts(s.executors(), s.containerMb(), rss, resultLimitHit, resultMb,
                    s.maxResultMb(), s.broadcastTimeoutSeconds());
            Failure failure = Messages.failure(category, r, facts);
            var jobFacts = new Job(job.jobId(), runId, attempt, "spark", "3.5.1", job.owner(), "maestro", job.tier(), config);
            event = new FailureEvent(FailureEvent.SCHEMA_VERSION, eventId, finished, jobFacts, failure, metrics);
        }
        var outcome = new JobOutcome(1, job.jobId(), runId, attempt, finished, !failed, config, metrics, eventId);
        return new RunResult(outcome, event, category, doomed, gbHours, needs);
    }

    /** The owner error that breaks a day's run, or {@code null}: doomed runs fail on every attempt. */
    public FailureCategory ownerError(SimJob job, int day) {
        SplittableRandom r = Streams.of(seed, job.index(), day, 0, OWNER_ERROR);
        if (r.nextDouble() >= job.pUserError()) {
            return null;
        }
        double which = r.nextDouble();
        return which < 0.40 ? FailureCategory.USER_CODE : which < 0.60 ? FailureCategory.SQL_ANALYSIS
                : which < 0.75 ? FailureCategory.DATA_SCHEMA : which < 0.90 ? FailureCategory.PERMISSION
                : FailureCategory.DEPENDENCY;
    }

    /** Categories the simulator produces. */
    public static final List<FailureCategory> CATEGORIES = List.of(FailureCategory.MEMORY_EXECUTOR_OOM,
            FailureCategory.MEMORY_OVERHEAD, FailureCategory.MEMORY_DRIVER, FailureCategory.SERIALIZATION,
            FailureCategory.TIMEOUT, FailureCategory.TRANSIENT_IO, FailureCategory.EXECUTOR_LOST,
            FailureCategory.SHUFFLE_FETCH, FailureCategory.USER_CODE, FailureCategory.SQL_ANALYSIS,
            FailureCategory.DATA_SCHEMA, FailureCategory.PERMISSION, FailureCategory.DEPENDENCY);

    private static double uniform(SplittableRandom r, double from, double to) {
        return from + (to - from) * r.nextDouble();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
