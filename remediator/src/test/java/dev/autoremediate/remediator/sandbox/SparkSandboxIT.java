package dev.autoremediate.remediator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.sandbox.SparkJob;
import dev.autoremediate.sandbox.SparkRun;
import dev.autoremediate.sandbox.SparkSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real Spark failures end to end: each sandbox job runs in its own JVM (Spark 3.5 local mode, the JVM heap is the
 * driver memory) with a configuration that really fails; Spark's error text becomes a contract v1 failure event
 * (through the codec, as the consumer reads it); the service's own rule pack, policy and config tuner decide; and the
 * job runs again with the decision's config changes and really succeeds — except the AnalysisException, which must
 * not be retried. Prints what it measured (category, rule, changes, run times) at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkSandboxIT {

    /** What the service must make of each real failure. */
    private static final Map<SparkJob, FailureCategory> EXPECTED = Map.of(
            SparkJob.DRIVER_OOM, FailureCategory.MEMORY_DRIVER,
            SparkJob.MAX_RESULT_SIZE, FailureCategory.MEMORY_DRIVER,
            SparkJob.KRYO_BUFFER, FailureCategory.SERIALIZATION,
            SparkJob.BROADCAST_TIMEOUT, FailureCategory.TIMEOUT,
            SparkJob.TABLE_NOT_FOUND, FailureCategory.SQL_ANALYSIS);

    private final ContractCodec codec = new ContractCodec();
    private final FailureClassifier classifier = new FailureClassifier(RulePack.bundled());
    private final RemediationPolicy policy = new RemediationPolicy(PolicySettings.DEFAULT, Clock.systemUTC());
    private final Map<SparkJob, String> report = new ConcurrentHashMap<>();
    private SparkSandbox sandbox;
    private long started;

    @BeforeAll
    void sandbox() throws Exception {
        Path work = Files.createTempDirectory("spark-sandbox-it");
        sandbox = SparkSandbox.fromBuild(work);
        started = System.nanoTime();
    }

    @AfterAll
    void printWhatWasMeasured() {
        System.out.println("SparkSandboxIT: " + report.size() + " jobs in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        report.forEach((job, line) -> System.out.println("  " + job + ": " + line));
    }

    @ParameterizedTest
    @EnumSource(SparkJob.class)
    void a_real_spark_failure_is_classified_remediated_and_the_retry_succeeds_or_is_not_retried(SparkJob job) {
        SparkRun failed = sandbox.run(job);
        assertThat(failed.succeeded()).as("%s must fail with %s; log tail:%n%s", job, job.failingConfig(),
                failed.logTail()).isFalse();
        assertThat(failed.exceptionClass()).isNotBlank();

        FailureEvent event = codec.readFailureEvent(codec.write(
                SandboxEvents.failure(failed, job.jobId() + "/it", 1, Instant.now())));
        var classified = classifier.classify(event);
        Decision decision = policy.decide(event, classified, List.of(), true, JobHistory.NONE);
        var c = decision.classification();
        String summary = "failed in " + failed.duration().toSeconds() + " s (exit " + failed.exitCode() + ", "
                + failed.exceptionClass() + ": " + firstLine(failed.message()) + ") -> " + c.category() + " by "
                + c.ruleId() + ", " + decision.action().type() + " " + decision.action().configChanges();
        report.put(job, summary);

        assertThat(c.category()).as("category of %s: %s", job, summary).isEqualTo(EXPECTED.get(job));
        if (job == SparkJob.TABLE_NOT_FOUND) {
            assertThat(c.retryable()).isFalse();
            assertThat(decision.action().type()).isEqualTo(ActionType.NO_RETRY);
            return;
        }
        assertThat(decision.action().type()).as(summary).isEqualTo(ActionType.RETRY_WITH_CONFIG);
        assertThat(decision.action().configChanges()).as(summary).isNotEmpty();

        Map<String, String> next = SandboxEvents.withChanges(failed.config(), decision);
        SparkRun retry = sandbox.run(job, next);
        report.put(job, summary + "; retry " + (retry.succeeded() ? "SUCCEEDED" : "FAILED") + " in "
                + retry.duration().toSeconds() + " s");
        assertThat(retry.succeeded()).as("%s retried with %s must succeed; it failed with %s: %s%n%s", job, next,
                retry.exceptionClass(), retry.message(), retry.logTail()).isTrue();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
