package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedInputTest {

    private static final String LINE_AND_COLUMN = "at line \\d+, column \\d+";

    private final ContractCodec codec = new ContractCodec();

    @Test
    void aTruncatedObjectIsMalformedJsonWithALineAndColumn() {
        String json = Fixtures.minimalEvent();
        String truncated = json.substring(0, json.indexOf("\"engine\""));

        InvalidEventException e = invalid(truncated);

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN)
                .contains("Unexpected end-of-input").doesNotContain("REDACTED").doesNotContain("start marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "<failure><message>x</message></failure>",
        "{'schemaVersion': 1}",
        "{schemaVersion: 1}",
        "{\"schemaVersion\": 1,}",
        "{\"eventId\": \"unterminated}",
        "\"just a string\"",
        "42"})
    void textThatIsNotAJsonObjectIsMalformedJson(String text) {
        InvalidEventException e = invalid(text);

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN);
        assertThat(e.violations()).hasSize(1);
    }

    @Test
    void aJsonArrayIsMalformedJson() {
        InvalidEventException e = invalid("[" + Fixtures.minimalEvent() + "]");

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN);
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("$"));
    }

    @ParameterizedTest
    @ValueSource(strings = {" garbage", " }", " {\"eventId\": \"second\"}", "]", " 1"})
    void trailingGarbageAfterTheObjectIsMalformedJson(String trailing) {
        InvalidEventException e = invalid(Fixtures.minimalEvent().strip() + trailing);

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN);
    }

    @Test
    void trailingWhitespaceAndNewlinesAreFine() {
        assertThat(codec.readFailureEvent(Fixtures.minimalEvent() + " \n\r\n\t ").eventId()).isEqualTo("evt-1");
    }

    @Test
    void aWordForTheAttemptNamesTheFieldPath() {
        String json = Fixtures.minimalEvent().replace("\"attempt\": 1", "\"attempt\": \"two\"");

        InvalidEventException e = invalid(json);

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN).contains("job.attempt");
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("job.attempt"));
    }

    @Test
    void anUnparseableInstantNamesTheField() {
        String json = Fixtures.minimalEvent().replace("\"2026-11-22T10:15:30Z\"", "\"yesterday\"");

        InvalidEventException e = invalid(json);

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN).contains("occurredAt");
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("occurredAt"));
    }

    @Test
    void aWrongTypeInsideTheFailureNamesTheFieldPath() {
        String json = Fixtures.minimalEvent("", "{\"exitCode\": \"killed\"}");

        assertThat(invalid(json).violations()).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("failure.exitCode"));
    }

    @Test
    void anObjectWhereTextIsExpectedNamesTheFieldPath() {
        String json = Fixtures.minimalEvent("", "{\"message\": {\"nested\": true}}");

        assertThat(invalid(json).violations()).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("failure.message"));
    }

    @Test
    void aNestedObjectAsAConfigValueNamesTheConfigKey() {
        String json = Fixtures.minimalEvent("\"config\": {\"spark.executor.memory\": {\"gb\": 8}}", "{\"exitCode\": 1}");

        assertThat(invalid(json).violations()).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("job.config.spark.executor.memory"));
    }

    @Test
    void aJobThatIsAnArrayNamesTheField() {
        String json = """
                {"schemaVersion": 1, "eventId": "e", "occurredAt": "2026-11-22T10:15:30Z", "job": [1, 2],
                 "failure": {"exitCode": 1}}
                """;

        assertThat(invalid(json).violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("job"));
    }

    @Test
    void aNumberTooLargeForTheAttemptIsMalformedJson() {
        String json = Fixtures.minimalEvent().replace("\"attempt\": 1", "\"attempt\": 99999999999999999999");

        assertThat(invalid(json).getMessage()).contains("malformed JSON").contains("job.attempt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t  \r\n"})
    void anEmptyOrBlankRecordIsAClearError(String text) {
        InvalidEventException e = invalid(text);

        assertThat(e.getMessage()).contains("empty");
        assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("$"));
    }

    @Test
    void aNullRecordIsAClearError() {
        assertThat(invalid((String) null).getMessage()).contains("empty");
        assertThat(invalidBytes(null).getMessage()).contains("empty");
    }

    @Test
    void anEmptyOrBlankByteRecordIsAClearError() {
        assertThat(invalidBytes(new byte[0]).getMessage()).contains("empty");
        assertThat(invalidBytes("  \n ".getBytes(StandardCharsets.UTF_8)).violations()).hasSize(1);
    }

    @Test
    void invalidUtf8BytesAreAnInvalidEvent() {
        byte[] bytes = Fixtures.minimalEvent("", "{\"message\": \"caf\u00e9\"}").getBytes(StandardCharsets.UTF_8);
        int e9 = indexOf(bytes, (byte) 0xC3);
        byte[] broken = bytes.clone();
        broken[e9] = (byte) 0xFF;

        InvalidEventException e = invalidBytes(broken);

        assertThat(e.getMessage()).contains("malformed JSON");
    }

    @Test
    void aMultiByteSequenceCutShortIsAnInvalidEvent() {
        byte[] bytes = Fixtures.minimalEvent("", "{\"message\": \"caf\u00e9\"}").getBytes(StandardCharsets.UTF_8);
        int e9 = indexOf(bytes, (byte) 0xC3);
        byte[] broken = bytes.clone();
        broken[e9 + 1] = (byte) 'x'; // a lead byte followed by no continuation byte

        assertThat(invalidBytes(broken).getMessage()).contains("malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "C0 AF",          // overlong '/'
        "C0 80",          // overlong NUL
        "E0 80 AF",       // overlong '/' in three bytes
        "ED A0 80",       // an encoded surrogate half
        "F4 90 80 80",    // above U+10FFFF
        "F8 88 80 80 80", // five-byte form
        "FF",
        "80",             // a lone continuation byte
        "E2 82"})         // a three-byte sequence cut short
    void invalidUtf8InsideAMessageIsMalformedJsonWithALineAndColumn(String hex) {
        byte[] json = splice(Fixtures.minimalEvent("", "{\"message\": \"ok @@ ok\"}"), hex);

        InvalidEventException e = invalidBytes(json);

        assertThat(e.getMessage()).contains("malformed JSON").containsPattern(LINE_AND_COLUMN);
    }

    @Test
    void validMultiByteUtf8AndAByteOrderMarkAreFine() {
        byte[] json = splice(Fixtures.minimalEvent("", "{\"message\": \"@@\"}"), "C3 A9 E2 82 AC F0 9F 94 A5 F4 8F BF BF");
        byte[] withBom = splice("@@" + Fixtures.minimalEvent(), "EF BB BF");

        assertThat(codec.readFailureEvent(json).failure().message()).isEqualTo("\u00e9\u20ac\uD83D\uDD25\uDBFF\uDFFF");
        assertThat(codec.readFailureEvent(withBom).eventId()).isEqualTo("evt-1");
    }

    @Test
    void invalidUtf8InAnUnknownFieldIsAnInvalidEvent() {
        byte[] head = "{\"ignored\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\", " + Fixtures.minimalEvent().strip().substring(1)).getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, broken, 0, head.length);
        broken[head.length] = (byte) 0xFE;
        broken[head.length + 1] = (byte) 0x80;
        System.arraycopy(tail, 0, broken, head.length + 2, tail.length);

        assertThat(invalidBytes(broken)).isNotNull();
    }

    @Test
    void bytesThatAreNotJsonAtAllAreAnInvalidEvent() {
        byte[] noise = new byte[4096];
        new java.util.Random(42).nextBytes(noise);

        assertThat(invalidBytes(noise)).isNotNull();
        assertThat(invalidBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0})).isNotNull();
        assertThat(invalidBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0})).isNotNull();
    }

    @Test
    void deepNestingInAnUnknownFieldIsAnInvalidEventNotAStackOverflow() {
        int depth = 10_000;
        String json = Fixtures.minimalEvent().strip().replaceFirst("^\\{",
                "{\"deep\": " + "[".repeat(depth) + "]".repeat(depth) + ", ");

        InvalidEventException e = invalid(json);
        InvalidEventException fromBytes = invalidBytes(json.getBytes(StandardCharsets.UTF_8));

        assertThat(e.getMessage()).contains("malformed JSON").contains("nesting");
        assertThat(fromBytes.getMessage()).contains("malformed JSON");
    }

    @Test
    void deepNestingOfObjectsInsideTheMetricsIsAnInvalidEvent() {
        int depth = 10_000;
        String json = Fixtures.minimalEvent().strip().replaceFirst("\\}$",
                ", \"metrics\": {\"x\": " + "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth) + "}}");

        assertThat(invalid(json).getMessage()).contains("malformed JSON");
    }

    @Test
    void modestNestingInAnUnknownFieldIsFine() {
        String json = Fixtures.minimalEvent().strip().replaceFirst("^\\{",
                "{\"deep\": " + "[".repeat(20) + "]".repeat(20) + ", ");

        assertThat(codec.readFailureEvent(json).eventId()).isEqualTo("evt-1");
    }

    @Test
    void theErrorMessageOfAHugeBadTokenStaysShort() {
        String json = Fixtures.minimalEvent().replace("\"attempt\": 1", "\"attempt\": " + "x".repeat(100_000));

        assertThat(invalid(json).getMessage()).contains("malformed JSON").hasSizeLessThan(2_000);
    }

    private InvalidEventException invalid(String text) {
        Throwable thrown = catchThrowable(() -> codec.readFailureEvent(text));
        assertThat(thrown).isExactlyInstanceOf(InvalidEventException.class);
        return (InvalidEventException) thrown;
    }

    private InvalidEventException invalidBytes(byte[] bytes) {
        Throwable thrown = catchThrowable(() -> codec.readFailureEvent(bytes));
        assertThat(thrown).isExactlyInstanceOf(InvalidEventException.class);
        return (InvalidEventException) thrown;
    }

    /** The UTF-8 bytes of {@code text} with the hex bytes in place of its {@code @@}. */
    private static byte[] splice(String text, String hex) {
        String[] parts = text.split("@@", -1);
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        for (String b : hex.split(" ")) {
            out.write(Integer.parseInt(b, 16));
        }
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
