package dev.autoremediate.ingest.codec;

import java.util.function.UnaryOperator;

/** Cuts over-long text down to a limit and leaves a marker that says what was removed. */
final class Truncation {

    static final String MARKER_PREFIX = "[autoremediate truncated ";

    /**
     * How much more than what is kept the cleaner sees of a text that will be truncated: more than the longest secret
     * {@link SecretRedactor} recognises, so that a secret straddling the cut is still recognised whole.
     */
    static final int CLEAN_SLACK = 32 * 1024;

    /**
     * {@link #keepHead(String, int)} of the text as {@code clean} rewrites it (secrets redacted). A huge text is
     * cleaned only where it is kept (plus {@link #CLEAN_SLACK}), so a 50 MB stack trace costs no 50 MB scan.
     */
    static String keepHead(String text, int limit, UnaryOperator<String> clean) {
        if (text == null || text.length() <= limit + CLEAN_SLACK) {
            return keepHead(text == null ? null : clean.apply(text), limit);
        }
        String window = clean.apply(safeCut(text, 0, limit + CLEAN_SLACK));
        int keep = Math.max(0, limit - longestMarker(text.length()).length() - 1);
        String head = safeCut(window, 0, keep);
        return head + "\n" + marker(text.length(), head.length());
    }

    /** {@link #keepTail(String, int)} of the cleaned text; see {@link #keepHead(String, int, UnaryOperator)}. */
    static String keepTail(String text, int limit, UnaryOperator<String> clean) {
        if (text == null || text.length() <= limit + CLEAN_SLACK) {
            return keepTail(text == null ? null : clean.apply(text), limit);
        }
        String window = clean.apply(safeCut(text, text.length() - limit - CLEAN_SLACK, text.length()));
        int keep = Math.max(0, limit - longestMarker(text.length()).length() - 1);
        String tail = safeCut(window, window.length() - keep, window.length());
        return marker(text.length(), tail.length()) + "\n" + tail;
    }

    /** {@link #keepHeadAndTail(String, int)} of the cleaned text; see {@link #keepHead(String, int, UnaryOperator)}. */
    static String keepHeadAndTail(String text, int limit, UnaryOperator<String> clean) {
        if (text == null || text.length() <= 2 * (limit + CLEAN_SLACK)) {
            return keepHeadAndTail(text == null ? null : clean.apply(text), limit);
        }
        int keep = Math.max(0, limit - longestMarker(text.length()).length() - 2);
        int headChars = keep * 3 / 4;
        int tailChars = keep - headChars;
        String headWindow = clean.apply(safeCut(text, 0, headChars + CLEAN_SLACK));
        String tailWindow = clean.apply(safeCut(text, text.length() - tailChars - CLEAN_SLACK, text.length()));
        String head = safeCut(headWindow, 0, headChars);
        String tail = safeCut(tailWindow, tailWindow.length() - tailChars, tailWindow.length());
        return head + "\n" + marker(text.length(), head.length() + tail.length()) + "\n" + tail;
    }

    private Truncation() {
    }

    static String keepHead(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int keep = Math.max(0, limit - longestMarker(text.length()).length() - 1);
        String head = safeCut(text, 0, keep);
        return head + "\n" + marker(text.length(), head.length());
    }

    static String keepTail(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int keep = Math.max(0, limit - longestMarker(text.length()).length() - 1);
        String tail = safeCut(text, text.length() - keep, text.length());
        return marker(text.length(), tail.length()) + "\n" + tail;
    }

    static String keepHeadAndTail(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int keep = Math.max(0, limit - longestMarker(text.length()).length() - 2);
        int headChars = keep * 3 / 4;
        int tailChars = keep - headChars;
        String head = safeCut(text, 0, headChars);
        String tail = safeCut(text, text.length() - tailChars, text.length());
        return head + "\n" + marker(text.length(), head.length() + tail.length()) + "\n" + tail;
    }

    /** Says how long the text was and exactly how many of its chars were removed. */
    private static String marker(int length, int kept) {
        return MARKER_PREFIX + length + " chars: " + (length - kept) + " chars removed]";
    }

    /** The marker is never longer than this, so the room for text can be computed before the cut. */
    private static String longestMarker(int length) {
        return marker(length, 0);
    }

    /** A substring that does not split a surrogate pair. */
    private static String safeCut(String text, int from, int to) {
        if (from > 0 && from < text.length() && Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        if (to > 0 && to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
            to--;
        }
        return from >= to ? "" : text.substring(from, to);
    }
}
