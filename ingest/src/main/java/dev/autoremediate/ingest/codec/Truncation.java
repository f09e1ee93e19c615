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
        String marker = marker(text.length(), limit);
        int keep = Math.max(0, limit - marker.length() - 1);
        return safeCut(text, 0, keep) + "\n" + marker;
    }

    static String keepTail(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        String marker = marker(text.length(), limit);
        int keep = Math.max(0, limit - marker.length() - 1);
        return marker + "\n" + safeCut(text, text.length() - keep, text.length());
    }

    static String keepHeadAndTail(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        String marker = marker(text.length(), limit);
        int keep = Math.max(0, limit - marker.length() - 2);
        int head = keep * 3 / 4;
        int tail = keep - head;
        return safeCut(text, 0, head) + "\n" + marker + "\n" + safeCut(text, text.length() - tail, text.length());
    }

    private static String marker(int length, int limit) {
        return MARKER_PREFIX + length + " chars to about " + limit + "]";
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
