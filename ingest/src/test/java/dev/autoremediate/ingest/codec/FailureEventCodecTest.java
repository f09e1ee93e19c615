package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureEventCodecTest {

    private final ContractCodec codec = new ContractCodec();

    @Test
    void aFullFailureEventAsInTheDesignParsesWithEveryField() {
        FailureEvent event = codec.readFailureEvent(Fixtures.contract("failure-event-full.json"));

        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.eventId()).isEqualTo("8c1e5a0e-6f3b-4d2a-9a47-0c2f7d1b9e11");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:15:30Z"));

        Job job = event.job();
        assertThat(job.jobId()).isEqualTo("etl.daily_sessions");
        assertThat(job.runId()).isEqualTo("etl.daily_sessions/2026-11-22");
        assertThat(job.attempt()).isEqualTo(1);
        assertThat(job.engine()).isEqualTo("spark");
        assertThat(job.engineVersion()).isEqualTo("3.5.1");
        assertThat(job.owner()).isEqualTo("team-playback");
        assertThat(job.scheduler()).isEqualTo("maestro");
        assertThat(job.tier()).isEqualTo(2);
        assertThat(job.config()).containsOnly(
                entry("spark.executor.memory", "8g"),
                entry("spark.executor.memoryOverhead", "1g"),
                entry("spark.executor.cores", "4"),
                entry("spark.driver.memory", "4g"),
                entry("spark.sql.shuffle.partitions", "200"));

        Failure failure = event.failure();
        assertThat(failure.exitCode()).isEqualTo(137);
        assertThat(failure.exceptionClass()).isEqualTo("org.apache.spark.SparkException");
        assertThat(failure.message()).startsWith("Job aborted due to stage failure")
                .contains("Container killed by YARN for exceeding memory limits");
        assertThat(failure.stackTrace()).startsWith("org.apache.spark.SparkException: Job aborted due to stage failure\n\tat ")
                .endsWith("(DAGScheduler.scala:2608)");
        assertThat(failure.logTail()).endsWith("Successfully stopped SparkContext");

        assertThat(event.metrics()).isEqualTo(new RunMetrics(53_687_091_200L, 21_474_836_480L, 21_474_836_480L,
                1_073_741_824L, 7_516_192_768L, 9_771_436_032L, 2_147_483_648L, 1_048_576L, 1_830L, 50, 4_000));
    }

    @Test
    void aFailureEventWrittenAndReadBackIsEqual() {
        FailureEvent event = codec.readFailureEvent(Fixtures.contract("failure-event-full.json"));

        String json = codec.write(event);

        assertThat(codec.readFailureEvent(json)).isEqualTo(event);
        assertThat(codec.readFailureEvent(codec.writeBytes(event))).isEqualTo(event);
        assertThat(codec.read(json, FailureEvent.class)).isEqualTo(event);
    }

    @Test
    void anOccurredAtIsWrittenAsIso8601Text() {
        FailureEvent event = codec.readFailureEvent(Fixtures.minimalEvent());

        assertThat(codec.write(event)).contains("\"occurredAt\":\"2026-11-22T10:15:30Z\"");
    }

    @Test
    void theSameEventReadFromBytesAndFromTextIsEqual() {
        String json = Fixtures.contract("failure-event-full.json");

        assertThat(codec.readFailureEvent(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(codec.readFailureEvent(json));
    }

    @Test
    void metricsAreOptionalAndEachMetricIsOptional() {
        assertThat(codec.readFailureEvent(Fixtures.minimalEvent()).metrics()).isNull();

        String json = Fixtures.minimalEvent().replaceFirst("\\}\\s*$", ", \"metrics\": {\"spillBytes\": 5}}");
        RunMetrics metrics = codec.readFailureEvent(json).metrics();

        assertThat(metrics.spillBytes()).isEqualTo(5L);
        assertThat(metrics.inputBytes()).isNull();
        assertThat(metrics.numTasks()).isNull();
    }

    @Test
    void optionalJobFieldsMayBeAbsent() {
        Job job = codec.readFailureEvent(Fixtures.minimalEvent()).job();

        assertThat(job.engineVersion()).isNull();
        assertThat(job.owner()).isNull();
        assertThat(job.scheduler()).isNull();
        assertThat(job.tier()).isNull();
        assertThat(job.config()).isEmpty();
    }

    @Test
    void unknownFieldsAnywhereAreIgnored() {
        FailureEvent event = codec.readFailureEvent(Fixtures.contract("failure-event-unknown-fields.json"));

        assertThat(event.eventId()).isEqualTo("evt-unknown-fields");
        assertThat(event.job().attempt()).isEqualTo(2);
        assertThat(event.job().config()).containsOnly(entry("spark.executor.memory", "8g"));
        assertThat(event.failure().exitCode()).isEqualTo(137);
        assertThat(event.failure().message()).isEqualTo("Container killed by YARN for exceeding memory limits");
        assertThat(event.metrics().inputBytes()).isEqualTo(1024L);
    }

    @Test
    void theEngineIsNormalisedToLowerCase() {
        String json = Fixtures.minimalEvent().replace("\"engine\": \"spark\"", "\"engine\": \" Spark \"");

        assertThat(codec.readFailureEvent(json).job().engine()).isEqualTo("spark");
    }

    @Test
    void theEngineIsNormalisedWithoutRegardToTheDefaultLocale() {
        String json = Fixtures.minimalEvent().replace("\"engine\": \"spark\"", "\"engine\": \"HIVE\"");
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(codec.readFailureEvent(json).job().engine()).isEqualTo("hive");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void numericAndBooleanConfigValuesReadAsText() {
        String json = Fixtures.minimalEvent("\"config\": {\"spark.executor.cores\": 4, "
                + "\"spark.memory.fraction\": 0.6, \"spark.dynamicAllocation.enabled\": true}", "{\"exitCode\": 1}");

        assertThat(codec.readFailureEvent(json).job().config()).containsOnly(
                entry("spark.executor.cores", "4"),
                entry("spark.memory.fraction", "0.6"),
                entry("spark.dynamicAllocation.enabled", "true"));
    }

    @Test
    void nullConfigEntriesAreDropped() {
        String json = Fixtures.minimalEvent("\"config\": {\"spark.executor.memory\": \"8g\", \"spark.driver.memory\": null}",
                "{\"exitCode\": 1}");

        assertThat(codec.readFailureEvent(json).job().config()).containsOnly(entry("spark.executor.memory", "8g"));
    }

    @Test
    void aNullConfigReadsAsAnEmptyMap() {
        String json = Fixtures.minimalEvent("\"config\": null", "{\"exitCode\": 1}");

        assertThat(codec.readFailureEvent(json).job().config()).isEmpty();
    }

    @Test
    void theConfigOfAParsedEventCannotBeModified() {
        Map<String, String> config = codec.readFailureEvent(Fixtures.contract("failure-event-full.json")).job().config();

        assertThatThrownBy(() -> config.put("spark.executor.memory", "64g"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(config::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aJobCopiesItsConfigSoTheCallersMapCannotChangeIt() {
        var config = new HashMap<String, String>();
        config.put("spark.executor.memory", "8g");
        config.put("spark.driver.memory", null);
        Job job = new Job("j", "r", 1, "spark", null, null, null, null, config);

        config.put("spark.executor.memory", "64g");

        assertThat(job.config()).containsOnly(entry("spark.executor.memory", "8g"));
        assertThatThrownBy(() -> job.config().remove("spark.executor.memory"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hostileStringsInMessageFieldsAreAcceptedAsData() {
        String hostile = "<script>alert('x')</script> '; DROP TABLE decisions; -- \u0000 NUL \u0000 \"quoted\" \\ ${jndi:ldap://x}";
        String failure = "{\"exceptionClass\": " + quoted("java.lang.RuntimeException<script>")
                + ", \"message\": " + quoted(hostile)
                + ", \"stackTrace\": " + quoted(hostile + "\n\tat x.y(Z.java:1)")
                + ", \"logTail\": " + quoted(hostile) + "}";

        FailureEvent event = codec.readFailureEvent(Fixtures.minimalEvent("\"owner\": \"o'brien <b>\"", failure));

        assertThat(event.failure().message()).isEqualTo(hostile);
        assertThat(event.failure().logTail()).isEqualTo(hostile);
        assertThat(event.failure().stackTrace()).startsWith(hostile);
        assertThat(event.failure().exceptionClass()).isEqualTo("java.lang.RuntimeException<script>");
        assertThat(event.job().owner()).isEqualTo("o'brien <b>");
        assertThat(codec.readFailureEvent(codec.write(event))).isEqualTo(event);
    }

    @Test
    void nonAsciiTextSurvivesTheByteRoundTrip() {
        String text = "Fehler: Größe überschritten \u4e2d\u6587 \uD83D\uDD25";
        FailureEvent event = codec.readFailureEvent(Fixtures.minimalEvent("", "{\"message\": " + quoted(text) + "}"));

        assertThat(event.failure().message()).isEqualTo(text);
        assertThat(codec.readFailureEvent(codec.writeBytes(event)).failure().message()).isEqualTo(text);
    }

    /** A JSON string literal of {@code s}, escaped by the codec itself. */
    private String quoted(String s) {
        return codec.write(s);
    }
}
