package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Over-long failure text is accepted and cut on the way in, never rejected. */
class FailureTextTruncationTest {

    private static final TextLimits LIMITS = TextLimits.DEFAULT;
    private static final String FIRE = "\uD83D\uDD25";

    private final ContractCodec codec = new ContractCodec();

    @Test
    void aFiftyMegabyteStackTraceIsAcceptedAndCutKeepingHeadAndRootCause() {
        int size = 50 * 1024 * 1024;
        String top = "org.apache.spark.SparkException: Job aborted due to stage failure\n";
        String frame = "\tat org.apache.spark.rdd.RDD.iterator(RDD.scala:329)\n";
        String rootCause = "Caused by: java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3537)";
        byte[] json = eventWithStackTrace(top, frame, rootCause, size);

        Failure failure = codec.readFailureEvent(json).failure();

        String trace = failure.stackTrace();
        assertThat(trace.length()).isLessThanOrEqualTo(LIMITS.maxStackTraceChars())
                .isGreaterThan(LIMITS.maxStackTraceChars() - 16);
        assertThat(trace).startsWith(top).endsWith(rootCause).contains(Truncation.MARKER_PREFIX);
        TruncationTest.assertMarkerAccounts(trace, size);
        assertThat(failure.message()).isEqualTo("boom");
    }

    @Test
    void anOverLongLogTailKeepsItsEnd() {
        String log = "first line\n" + "INFO noise\n".repeat(10_000) + "ERROR the last line that matters";

        Failure failure = read("{\"logTail\": " + codec.write(log) + "}");

        assertThat(failure.logTail()).hasSizeLessThanOrEqualTo(LIMITS.maxLogTailChars())
                .startsWith(Truncation.MARKER_PREFIX).endsWith("ERROR the last line that matters")
                .doesNotContain("first line");
        TruncationTest.assertMarkerAccounts(failure.logTail(), log.length());
    }

    @Test
    void anOverLongMessageKeepsItsHead() {
        String message = "Job aborted due to stage failure: " + "details ".repeat(5_000) + "END";

        Failure failure = read("{\"message\": " + codec.write(message) + "}");

        assertThat(failure.message()).hasSizeLessThanOrEqualTo(LIMITS.maxMessageChars())
                .startsWith("Job aborted due to stage failure: details").doesNotContain("END")
                .contains(Truncation.MARKER_PREFIX);
        TruncationTest.assertMarkerAccounts(failure.message(), message.length());
    }

    @Test
    void textUnderTheLimitsIsUntouched() {
        String message = "m".repeat(LIMITS.maxMessageChars());
        String trace = "s".repeat(LIMITS.maxStackTraceChars());
        String log = "l".repeat(LIMITS.maxLogTailChars());

        Failure failure = read("{\"message\": \"" + message + "\", \"stackTrace\": \"" + trace + "\", \"logTail\": \""
                + log + "\"}");

        assertThat(failure.message()).isEqualTo(message);
        assertThat(failure.stackTrace()).isEqualTo(trace);
        assertThat(failure.logTail()).isEqualTo(log);
    }

    @Test
    void theExitCodeAndExceptionClassAreNeverCut() {
        Failure failure = read("{\"exitCode\": 137, \"exceptionClass\": \"java.lang.OutOfMemoryError\", "
                + "\"message\": \"" + "m".repeat(LIMITS.maxMessageChars() * 2) + "\"}");

        assertThat(failure.exitCode()).isEqualTo(137);
        assertThat(failure.exceptionClass()).isEqualTo("java.lang.OutOfMemoryError");
    }

    @Test
    void truncationNeverSplitsAnEmojiNearTheCut() {
        ContractCodec small = new ContractCodec(new TextLimits(256, 256, 256, 1024 * 1024));
        for (int shift = 0; shift < 4; shift++) {
            String text = "a".repeat(shift) + FIRE.repeat(500) + "b".repeat(shift);
            String failure = "{\"message\": " + codec.write(text) + ", \"stackTrace\": " + codec.write(text)
                    + ", \"logTail\": " + codec.write(text) + "}";

            Failure cut = small.readFailureEvent(Fixtures.minimalEvent("", failure)).failure();

            TruncationTest.assertNoLoneSurrogate(cut.message());
            TruncationTest.assertNoLoneSurrogate(cut.stackTrace());
            TruncationTest.assertNoLoneSurrogate(cut.logTail());
            assertThat(cut.message()).startsWith("a".repeat(shift) + FIRE).hasSizeLessThanOrEqualTo(256);
            assertThat(cut.stackTrace()).startsWith("a".repeat(shift) + FIRE).endsWith(FIRE + "b".repeat(shift))
                    .hasSizeLessThanOrEqualTo(256);
            assertThat(cut.logTail()).endsWith(FIRE + "b".repeat(shift)).hasSizeLessThanOrEqualTo(256);
            // the cut text is still valid UTF-16, so it survives a trip through UTF-8 bytes unchanged
            assertThat(small.readFailureEvent(small.writeBytes(small.readFailureEvent(Fixtures.minimalEvent("", failure))))
                    .failure()).isEqualTo(cut);
        }
    }

    @Test
    void aStringOverTheInputLimitIsAnInvalidEventNotAnOutOfMemoryError() {
        ContractCodec tiny = new ContractCodec(new TextLimits(256, 256, 256, 10_000));
        String json = Fixtures.minimalEvent("", "{\"message\": \"" + "x".repeat(20_000) + "\"}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tiny.readFailureEvent(json))
                .isExactlyInstanceOf(InvalidEventException.class)
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void textLimitsBelow256CharactersAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TextLimits(100, 256, 256, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TextLimits(256, 255, 256, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TextLimits(256, 256, 0, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Failure read(String failure) {
        return codec.readFailureEvent(Fixtures.minimalEvent("", failure)).failure();
    }

    /** The UTF-8 bytes of an event whose stack trace is {@code top}, frames, {@code rootCause}: {@code size} chars. */
    private byte[] eventWithStackTrace(String top, String frame, String rootCause, int size) {
        String[] parts = Fixtures.minimalEvent("", "{\"message\": \"boom\", \"stackTrace\": \"@@\"}").split("@@");
        byte[] escapedFrame = escaped(frame);
        int frames = (size - top.length() - rootCause.length()) / frame.length();
        int filler = size - top.length() - rootCause.length() - frames * frame.length();
        var out = new ByteArrayOutputStream(size + size / 10);
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(escaped(top));
        for (int i = 0; i < frames; i++) {
            out.writeBytes(escapedFrame);
        }
        out.writeBytes("x".repeat(filler).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(escaped(rootCause));
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[] escaped(String text) {
        String json = codec.write(text);
        return json.substring(1, json.length() - 1).getBytes(StandardCharsets.UTF_8);
    }
}
