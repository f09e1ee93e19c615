package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cutting rules themselves, independent of JSON. */
class TruncationTest {

    private static final String FIRE = "\uD83D\uDD25"; // one code point, two chars
    private static final int LIMIT = 300;

    @Test
    void textWithinTheLimitIsReturnedUnchanged() {
        String text = "x".repeat(LIMIT);

        assertThat(Truncation.keepHead(text, LIMIT)).isSameAs(text);
        assertThat(Truncation.keepTail(text, LIMIT)).isSameAs(text);
        assertThat(Truncation.keepHeadAndTail(text, LIMIT)).isSameAs(text);
    }

    @Test
    void nullStaysNull() {
        assertThat(Truncation.keepHead(null, LIMIT)).isNull();
        assertThat(Truncation.keepTail(null, LIMIT)).isNull();
        assertThat(Truncation.keepHeadAndTail(null, LIMIT)).isNull();
    }

    @Test
    void keepHeadKeepsTheBeginningAndEndsWithTheMarker() {
        String text = "HEAD" + "m".repeat(1_000) + "TAIL";

        String cut = Truncation.keepHead(text, LIMIT);

        assertThat(cut).startsWith("HEADmmm").doesNotContain("TAIL").hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(cut.substring(cut.lastIndexOf('\n') + 1)).startsWith(Truncation.MARKER_PREFIX);
        assertMarkerAccounts(cut, text.length());
    }

    @Test
    void keepTailKeepsTheEndAndStartsWithTheMarker() {
        String text = "HEAD" + "m".repeat(1_000) + "TAIL";

        String cut = Truncation.keepTail(text, LIMIT);

        assertThat(cut).startsWith(Truncation.MARKER_PREFIX).endsWith("mmmTAIL").doesNotContain("HEAD")
                .hasSizeLessThanOrEqualTo(LIMIT);
        assertMarkerAccounts(cut, text.length());
    }

    @Test
    void keepHeadAndTailKeepsBothEndsWithTheMarkerInBetween() {
        String text = "HEAD" + "m".repeat(1_000) + "ROOT CAUSE";

        String cut = Truncation.keepHeadAndTail(text, LIMIT);

        assertThat(cut).startsWith("HEAD").endsWith("ROOT CAUSE").contains("\n" + Truncation.MARKER_PREFIX)
                .hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(cut.indexOf(Truncation.MARKER_PREFIX)).isGreaterThan(LIMIT / 2);
        assertMarkerAccounts(cut, text.length());
    }

    @Test
    void textOneCharOverTheLimitIsCut() {
        String text = "y".repeat(LIMIT + 1);

        assertThat(Truncation.keepHead(text, LIMIT)).contains(Truncation.MARKER_PREFIX).hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(Truncation.keepTail(text, LIMIT)).contains(Truncation.MARKER_PREFIX).hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(Truncation.keepHeadAndTail(text, LIMIT)).contains(Truncation.MARKER_PREFIX)
                .hasSizeLessThanOrEqualTo(LIMIT);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void keepHeadNeverSplitsASurrogatePair(int shift) {
        String text = "a".repeat(shift) + FIRE.repeat(1_000);

        String cut = Truncation.keepHead(text, LIMIT);

        assertNoLoneSurrogate(cut);
        assertThat(cut).startsWith("a".repeat(shift) + FIRE);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void keepTailNeverSplitsASurrogatePair(int shift) {
        String text = FIRE.repeat(1_000) + "a".repeat(shift);

        String cut = Truncation.keepTail(text, LIMIT);

        assertNoLoneSurrogate(cut);
        assertThat(cut).endsWith(FIRE + "a".repeat(shift));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void keepHeadAndTailNeverSplitsASurrogatePair(int shift) {
        String text = "a".repeat(shift) + FIRE.repeat(1_000) + "b".repeat(shift);

        String cut = Truncation.keepHeadAndTail(text, LIMIT);

        assertNoLoneSurrogate(cut);
        assertThat(cut).startsWith("a".repeat(shift) + FIRE).endsWith(FIRE + "b".repeat(shift));
    }

    @Test
    void emojiTextWithinTheLimitIsUntouched() {
        String text = FIRE.repeat(LIMIT / 2);

        assertThat(Truncation.keepHeadAndTail(text, LIMIT)).isEqualTo(text);
    }

    /** The marker says how long the text was and the kept text plus what was removed add up to it. */
    static void assertMarkerAccounts(String cut, int originalLength) {
        Matcher m = Pattern.compile(Pattern.quote(Truncation.MARKER_PREFIX) + "[^\\]]*\\]").matcher(cut);
        assertThat(m.find()).as("marker in %s", cut).isTrue();
        String marker = m.group();
        assertThat(marker).contains(String.valueOf(originalLength));
        Matcher removed = Pattern.compile("(\\d+) chars removed").matcher(marker);
        assertThat(removed.find()).as("the marker %s says how many chars were removed", marker).isTrue();
        int kept = cut.length() - marker.length() - (cut.length() - marker.length() > 0 ? newlines(cut, marker) : 0);
        assertThat(kept + Integer.parseInt(removed.group(1))).isEqualTo(originalLength);
    }

    private static int newlines(String cut, String marker) {
        int at = cut.indexOf(marker);
        int n = 0;
        if (at > 0 && cut.charAt(at - 1) == '\n') {
            n++;
        }
        int end = at + marker.length();
        if (end < cut.length() && cut.charAt(end) == '\n') {
            n++;
        }
        return n;
    }

    static void assertNoLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                        .as("high surrogate at %d is followed by its low surrogate", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }
}
