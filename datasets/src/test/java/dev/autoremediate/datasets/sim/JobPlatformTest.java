package dev.autoremediate.datasets.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JobPlatformTest {

    private static final long SEED = 11;
    private final List<SimJob> jobs = JobPopulation.generate(SEED, 200);
    private final JobPlatform platform = new JobPlatform(SEED);

    @Test
    void the_same_seed_gives_the_same_population_and_another_seed_another() {
        assertThat(JobPopulation.generate(SEED, 200)).isEqualTo(jobs);
        assertThat(JobPopulation.generate(SEED + 1, 200)).isNotEqualTo(jobs);
    }

    @Test
    void owners_configure_their_jobs_within_the_documented_ranges_and_day_0_needs_fit_them() {
        for (SimJob job : jobs) {
            SparkSettings s = job.ownerSettings();
            assertThat(s.heapMb()).isBetween(4096.0, 24576.0);
            assertThat(s.cores()).isBetween(2, 5);
            assertThat(s.executors()).isBetween(4, 80);
            assertThat(job.growthPerDay()).isBetween(0.0, 0.012);
            Needs day0 = platform.needs(job, 0, 1, s.cores(), s.partitions());
            // day 0 is the owner's reference day: utilisation 0.30..0.88 of the heap, with day and attempt noise
            assertThat(day0.heapMb() / s.heapMb()).isBetween(0.15, 1.3);
            assertThat(day0.heapMb()).isGreaterThan(SparkSettings.RESERVED_MB);
        }
    }

    @Test
    void an_attempt_is_the_same_whatever_ran_before_it() {
        SimJob job = jobs.get(7);
        RunResult first = platform.run(job, 12, 2, job.ownerConfig(), "a");
        for (int day = 0; day < 20; day++) {
            platform.run(job, day, 1, job.ownerConfig(), "a");
        }
        assertThat(new JobPlatform(SEED).run(job, 12, 2, job.ownerConfig(), "a")).isEqualTo(first);
    }

    @Test
    void a_run_fails_for_a_memory_category_exactly_when_a_need_exceeds_its_setting() {
        int memoryFailures = 0;
        for (SimJob job : jobs) {
            for (int day = 0; day < 30; day += 3) {
                RunResult r = platform.run(job, day, 1, job.ownerConfig(), "t");
                SparkSettings s = job.ownerSettings();
                Needs n = r.needs();
                boolean executorShort = n.heapMb() > s.heapMb() || n.nativeMb() > s.overheadMb();
                if (r.trueCategory() == FailureCategory.MEMORY_EXECUTOR_OOM) {
                    memoryFailures++;
                    assertThat(n.heapMb()).isGreaterThan(s.heapMb());
                    // the engine reports a heap at the ceiling, not the need
                    assertThat(r.failure().metrics().peakExecutorMemoryBytes()).isLessThanOrEqualTo((long) s.heapMb() << 20);
                } else if (r.trueCategory() == FailureCategory.MEMORY_OVERHEAD) {
                    memoryFailures++;
                    assertThat(n.nativeMb()).isGreaterThan(s.overheadMb());
                    assertThat(r.failure().metrics().peakExecutorRssBytes()).isGreaterThanOrEqualTo((long) s.containerMb() << 20);
                    assertThat(r.failure().failure().message()).contains("exceeding memory limits");
                } else if (r.succeeded()) {
                    assertThat(executorShort).isFalse();
                    assertThat(n.driverMb()).isLessThanOrEqualTo(s.driverMb());
                }
            }
        }
        assertThat(memoryFailures).isPositive();
    }

    @Test
    void failure_events_and_outcomes_are_valid_contract_v1() {
        var codec = new ContractCodec();
        int failures = 0;
        for (SimJob job : jobs.subList(0, 60)) {
            for (int day = 0; day < 30; day++) {
                RunResult r = platform.run(job, day, 1, job.ownerConfig(), "codec");
                assertThat(r.outcome().succeeded()).isEqualTo(r.succeeded());
                assertThat(r.outcome().runId()).isEqualTo(JobPlatform.runId(job, day));
                assertThat(JobPlatform.dayOf(r.outcome().runId())).isEqualTo(day);
                if (!r.succeeded()) {
                    failures++;
                    FailureEvent back = codec.readFailureEvent(codec.write(r.failure()));
                    assertThat(back.eventId()).isEqualTo(r.failure().eventId()).isEqualTo(r.outcome().failureEventId());
                    assertThat(back.job().config()).isEqualTo(job.ownerConfig());
                    assertThat(back.metrics().durationSeconds()).isPositive();
                }
            }
        }
        assertThat(failures).isPositive();
    }

    @Test
    void a_successful_attempt_costs_executors_times_containers_plus_the_driver_times_hours() {
        SimJob job = jobs.stream().filter(j -> platform.run(j, 0, 1, j.ownerConfig(), "c").succeeded()).findFirst()
                .orElseThrow();
        RunResult r = platform.run(job, 0, 1, job.ownerConfig(), "c");
        SparkSettings s = job.ownerSettings();
        double expected = (s.executors() * s.containerMb() + s.driverContainerMb()) / 1024 * r.needs().hours();
        assertThat(r.gbHours()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_doomed_run_fails_on_every_attempt_whatever_its_configuration() {
        int doomed = 0;
        for (SimJob job : jobs) {
            for (int day = 0; day < 30; day++) {
                if (platform.ownerError(job, day) == null) {
                    continue;
                }
                doomed++;
                var bigger = new TreeMap<>(job.ownerConfig());
                bigger.put(SparkSettings.EXECUTOR_MEMORY, "48g");
                for (int attempt = 1; attempt <= 3; attempt++) {
                    RunResult r = platform.run(job, day, attempt, attempt == 1 ? job.ownerConfig() : bigger, "d");
                    assertThat(r.doomed()).isTrue();
                    assertThat(r.trueCategory()).isEqualTo(platform.ownerError(job, day));
                }
            }
        }
        assertThat(doomed).isPositive();
    }

    @Test
    void inputs_grow_over_the_days_for_growing_jobs() {
        double early = 0;
        double late = 0;
        for (SimJob job : jobs) {
            if (job.growthPerDay() > 0.005) {
                SparkSettings s = job.ownerSettings();
                early += platform.needs(job, 0, 1, s.cores(), s.partitions()).dataScale();
                late += platform.needs(job, 29, 1, s.cores(), s.partitions()).dataScale();
            }
        }
        assertThat(late).isGreaterThan(early * 1.1);
    }

    @Test
    void more_partitions_and_fewer_cores_shrink_the_executor_heap_need() {
        SimJob job = jobs.get(3);
        SparkSettings s = job.ownerSettings();
        double base = platform.needs(job, 5, 1, s.cores(), s.partitions()).heapMb();
        assertThat(platform.needs(job, 5, 1, s.cores(), 2 * s.partitions()).heapMb()).isLessThan(base);
        assertThat(platform.needs(job, 5, 1, s.cores() - 1, s.partitions()).heapMb()).isLessThan(base);
    }

    @Test
    void the_oracles_fix_succeeds_unless_the_retry_meets_a_transient_failure() {
        var oracle = new Oracle(platform, jobs, 64 * 1024);
        int fixed = 0;
        for (SimJob job : jobs) {
            for (int day = 0; day < 30; day++) {
                RunResult r = platform.run(job, day, 1, job.ownerConfig(), "o");
                if (r.succeeded() || r.doomed()) {
                    continue;
                }
                Map<String, String> overrides = oracle.onFailure(r.failure(), List.of()).orElseThrow();
                var next = new TreeMap<>(job.ownerConfig());
                next.putAll(overrides);
                RunResult retry = platform.run(job, day, 2, next, "o");
                if (retry.succeeded()) {
                    fixed++;
                } else {
                    assertThat(retry.trueCategory()).isIn(FailureCategory.TRANSIENT_IO, FailureCategory.EXECUTOR_LOST,
                            FailureCategory.SHUFFLE_FETCH);
                }
            }
        }
        assertThat(fixed).isPositive();
    }

    @Test
    void the_oracle_never_retries_a_doomed_run() {
        var oracle = new Oracle(platform, jobs, 64 * 1024);
        var doomed = new ArrayList<RunResult>();
        for (SimJob job : jobs) {
            for (int day = 0; day < 30 && doomed.size() < 5; day++) {
                RunResult r = platform.run(job, day, 1, job.ownerConfig(), "o");
                if (r.doomed()) {
                    doomed.add(r);
                }
            }
        }
        assertThat(doomed).isNotEmpty().allSatisfy(r -> assertThat(oracle.onFailure(r.failure(), List.of())).isEmpty());
    }
}
