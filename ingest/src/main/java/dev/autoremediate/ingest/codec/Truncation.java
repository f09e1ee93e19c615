package dev.autoremediate.ingest.codec;

/** Cuts over-long text down to a limit and leaves a marker that says what was removed. */
final class Truncation {

    static final String MARKER_PREFIX = "[autoremediate truncated ";

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
