package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureEventValidationTest {

    private static final String VALID = """
            {"schemaVersion": 1, "eventId": "evt-1", "occurredAt": "2026-11-22T10:15:30Z",
             "job": {"jobId": "job-1", "runId": "job-1/run-1", "attempt": 1, "engine": "spark", "tier": 2},
             "failure": {"exitCode": 137, "message": "Container killed"}}
            """;

    private final ContractCodec codec = new ContractCodec();
    private final FailureEventValidator validator = new FailureEventValidator();

    @Test
    void theValidBaseEventHasNoViolations() {
        assertThat(codec.readFailureEvent(VALID).eventId()).isEqualTo("evt-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2", "-1"})
    void aSchemaVersionOtherThanOneIsRejected(String version) {
        assertThat(violationsOf(VALID.replace("\"schemaVersion\": 1", "\"schemaVersion\": " + version)))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("schemaVersion");
                    assertThat(v.message()).contains("must be 1").contains("was " + version);
                });
    }

    @Test
    void aMissingSchemaVersionIsRejected() {
        assertThat(fields(VALID.replace("\"schemaVersion\": 1,", ""))).containsExactly("schemaVersion");
    }

    @Test
    void aMissingEventIdIsRejected() {
        assertThat(fields(VALID.replace("\"eventId\": \"evt-1\",", ""))).containsExactly("eventId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"   \"", "null"})
    void aBlankOrNullEventIdIsRejected(String value) {
        assertThat(fields(VALID.replace("\"evt-1\"", value))).containsExactly("eventId");
    }

    @Test
    void aMissingOccurredAtIsRejectedWithAnExample() {
        assertThat(violationsOf(VALID.replace("\"occurredAt\": \"2026-11-22T10:15:30Z\",", "")))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("occurredAt");
                    assertThat(v.message()).contains("required").contains("ISO-8601");
                });
    }

    @Test
    void aMissingJobIsRejected() {
        String json = """
                {"schemaVersion": 1, "eventId": "evt-1", "occurredAt": "2026-11-22T10:15:30Z",
                 "failure": {"exitCode": 137}}
                """;

        assertThat(fields(json)).containsExactly("job");
    }

    @Test
    void aNullJobIsRejected() {
        String json = """
                {"schemaVersion": 1, "eventId": "evt-1", "occurredAt": "2026-11-22T10:15:30Z", "job": null,
                 "failure": {"exitCode": 137}}
                """;

        assertThat(fields(json)).containsExactly("job");
    }

    @Test
    void aMissingJobIdIsRejected() {
        assertThat(fields(VALID.replace("\"jobId\": \"job-1\",", ""))).containsExactly("job.jobId");
    }

    @Test
    void aMissingRunIdIsRejected() {
        assertThat(fields(VALID.replace("\"runId\": \"job-1/run-1\",", ""))).containsExactly("job.runId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-2147483648", "null"})
    void anAttemptBelowOneIsRejected(String attempt) {
        assertThat(violationsOf(VALID.replace("\"attempt\": 1", "\"attempt\": " + attempt)))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("job.attempt");
                    assertThat(v.message()).contains("1 or more");
                });
    }

    @Test
    void aMissingAttemptIsRejected() {
        assertThat(fields(VALID.replace("\"attempt\": 1,", ""))).containsExactly("job.attempt");
    }

    @Test
    void aMissingEngineIsRejected() {
        assertThat(fields(VALID.replace("\"engine\": \"spark\",", ""))).containsExactly("job.engine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"  \"", "null"})
    void aBlankEngineIsRejected(String engine) {
        assertThat(fields(VALID.replace("\"spark\"", engine))).containsExactly("job.engine");
    }

    @Test
    void anAbsurdlyLongEngineIsRejected() {
        assertThat(fields(VALID.replace("\"spark\"", "\"" + "x".repeat(65) + "\""))).containsExactly("job.engine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10", "1000"})
    void aTierOutOfRangeIsRejected(String tier) {
        assertThat(violationsOf(VALID.replace("\"tier\": 2", "\"tier\": " + tier)))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("job.tier");
                    assertThat(v.message()).contains("between 0 and 9").contains(tier);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "9", "null"})
    void aTierInRangeOrAbsentIsAccepted(String tier) {
        assertThat(codec.readFailureEvent(VALID.replace("\"tier\": 2", "\"tier\": " + tier)).job().tier())
                .isEqualTo("null".equals(tier) ? null : Integer.valueOf(tier));
    }

    @Test
    void aMissingFailureIsRejected() {
        String json = """
                {"schemaVersion": 1, "eventId": "evt-1", "occurredAt": "2026-11-22T10:15:30Z",
                 "job": {"jobId": "job-1", "runId": "job-1/run-1", "attempt": 1, "engine": "spark"}}
                """;

        assertThat(fields(json)).containsExactly("failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"message\": \"\", \"stackTrace\": \"  \", \"logTail\": \"\\n\"}",
        "{\"exitCode\": null, \"exceptionClass\": null, \"unknown\": \"text\"}"})
    void aFailureWithoutAnyTextOrExitCodeIsRejected(String failure) {
        String json = VALID.replace("{\"exitCode\": 137, \"message\": \"Container killed\"}", failure);

        assertThat(violationsOf(json))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("failure");
                    assertThat(v.message()).contains("exitCode").contains("message");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"exitCode\": 0}",
        "{\"exceptionClass\": \"java.lang.OutOfMemoryError\"}",
        "{\"message\": \"boom\"}",
        "{\"stackTrace\": \"at x\"}",
        "{\"logTail\": \"ERROR\"}"})
    void anyOneFailureFieldIsEnough(String failure) {
        String json = VALID.replace("{\"exitCode\": 137, \"message\": \"Container killed\"}", failure);

        assertThat(codec.readFailureEvent(json).failure()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evt\\u0000x", "evt\\nx", "evt\\tx", "evt\\u001bx", "evt\\u007fx", "evt\\u0085x"})
    void anEventIdWithControlCharactersIsRejected(String id) {
        assertThat(violationsOf(VALID.replace("\"evt-1\"", "\"" + id + "\"")))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("eventId");
                    assertThat(v.message()).contains("control characters");
                });
    }

    @Test
    void aJobIdAndRunIdWithControlCharactersAreRejected() {
        String json = VALID.replace("\"job-1\"", "\"job\\r\\n1\"").replace("\"job-1/run-1\"", "\"run\\u0000\"");

        assertThat(fields(json)).containsExactlyInAnyOrder("job.jobId", "job.runId");
    }

    @Test
    void idsOfExactly512CharactersAreAccepted() {
        String id = "i".repeat(FailureEventValidator.MAX_ID_CHARS);
        String json = VALID.replace("\"evt-1\"", "\"" + id + "\"").replace("\"job-1\"", "\"" + id + "\"");

        assertThat(codec.readFailureEvent(json).eventId()).hasSize(512);
    }

    @Test
    void idsOver512CharactersAreRejected() {
        String id = "i".repeat(FailureEventValidator.MAX_ID_CHARS + 1);
        String json = VALID.replace("\"evt-1\"", "\"" + id + "\"")
                .replace("\"job-1\"", "\"" + id + "\"")
                .replace("\"job-1/run-1\"", "\"" + id + "\"");

        List<Violation> violations = violationsOf(json);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("eventId", "job.jobId", "job.runId");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).contains("at most 512").contains("513"));
    }

    @Test
    void idsWithNonAsciiLettersAreAccepted() {
        String json = VALID.replace("\"job-1\"", "\"étl.tägliche_sitzungen.日次\"");

        assertThat(codec.readFailureEvent(json).job().jobId()).isEqualTo("étl.tägliche_sitzungen.日次");
    }

    @Test
    void severalProblemsAtOnceAreAllReported() {
        String json = """
                {"schemaVersion": 2, "eventId": " ", "occurredAt": null,
                 "job": {"jobId": "", "runId": "run\\u0007", "attempt": 0, "engine": "", "tier": 11},
                 "failure": {}}
                """;

        InvalidEventException e = invalid(json);

        assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                "schemaVersion", "eventId", "occurredAt", "job.jobId", "job.runId", "job.attempt", "job.engine",
                "job.tier", "failure");
        assertThat(e.getMessage()).startsWith("invalid event: ")
                .contains("schemaVersion: must be 1")
                .contains("job.attempt: must be 1 or more")
                .contains("job.tier: must be between 0 and 9");
    }

    @Test
    void aMissingJobAndFailureAreBothReported() {
        assertThat(fields("{\"schemaVersion\": 1, \"eventId\": \"e\", \"occurredAt\": \"2026-11-22T10:15:30Z\"}"))
                .containsExactlyInAnyOrder("job", "failure");
    }

    @Test
    void anEmptyObjectReportsEveryRequiredField() {
        assertThat(fields("{}")).containsExactlyInAnyOrder("schemaVersion", "eventId", "occurredAt", "job", "failure");
    }

    @Test
    void aJsonNullRecordIsRejectedAsNotAnObject() {
        assertThat(violationsOf("null")).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("$"));
    }

    @Test
    void tooManyConfigEntriesAreRejected() {
        var config = new StringBuilder();
        for (int i = 0; i <= FailureEventValidator.MAX_CONFIG_ENTRIES; i++) {
            config.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": \"v\"");
        }
        String json = VALID.replace("\"tier\": 2", "\"config\": {" + config + "}");

        assertThat(fields(json)).containsExactly("job.config");
    }

    @Test
    void anOverLongConfigValueIsRejectedNamingItsKey() {
        String value = "v".repeat(FailureEventValidator.MAX_CONFIG_VALUE_CHARS + 1);
        String json = VALID.replace("\"tier\": 2", "\"config\": {\"spark.extraJavaOptions\": \"" + value + "\"}");

        assertThat(fields(json)).containsExactly("job.config.spark.extraJavaOptions");
    }

    @Test
    void aBlankOrOverLongConfigKeyIsRejected() {
        String json = VALID.replace("\"tier\": 2", "\"config\": {\" \": \"v\"}");
        String longKey = VALID.replace("\"tier\": 2",
                "\"config\": {\"" + "k".repeat(FailureEventValidator.MAX_CONFIG_KEY_CHARS + 1) + "\": \"v\"}");

        assertThat(fields(json)).containsExactly("job.config");
        assertThat(fields(longKey)).containsExactly("job.config");
    }

    @Test
    void anOverLongExceptionClassIsRejected() {
        String json = VALID.replace("\"message\": \"Container killed\"",
                "\"exceptionClass\": \"" + "a.".repeat(600) + "E\"");

        assertThat(fields(json)).containsExactly("failure.exceptionClass");
    }

    @Test
    void theValidatorReportsANullEventWithoutThrowing() {
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("$");
    }

    @Test
    void theValidatorAcceptsAValidRecordBuiltInCode() {
        FailureEvent event = new FailureEvent(1, "e", Instant.parse("2026-11-22T10:15:30Z"),
                new Job("j", "r", 1, "spark", null, null, null, 0, Map.of()),
                new Failure(137, null, null, null, null), null);

        assertThat(validator.validate(event)).isEmpty();
    }

    @Test
    void theValidatorToleratesAJobBuiltWithANullConfig() {
        Map<String, String> config = new HashMap<>();
        config.put(null, "x");
        FailureEvent event = new FailureEvent(1, "e", Instant.parse("2026-11-22T10:15:30Z"),
                new Job("j", "r", 1, "spark", null, null, null, null, null),
                new Failure(137, null, null, null, null), null);
        FailureEvent nullKey = new FailureEvent(1, "e", Instant.parse("2026-11-22T10:15:30Z"),
                new Job("j", "r", 1, "spark", null, null, null, null, config),
                new Failure(137, null, null, null, null), null);

        assertThat(validator.validate(event)).isEmpty();
        assertThat(validator.validate(nullKey)).isEmpty();
    }

    @Test
    void violationsCannotBeChangedThroughTheException() {
        InvalidEventException e = invalid("{}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.violations().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private InvalidEventException invalid(String json) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> codec.readFailureEvent(json));
        assertThat(e).as("expected an InvalidEventException for %s", json).isNotNull();
        return e;
    }

    private List<Violation> violationsOf(String json) {
        return invalid(json).violations();
    }

    private List<String> fields(String json) {
        return violationsOf(json).stream().map(Violation::field).toList();
    }
}
