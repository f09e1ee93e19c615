package dev.autoremediate.remediator.review;

import java.util.regex.Pattern;

/**
 * Turns an error message into its template, so that failures that differ only in numbers, ids, paths, hosts or
 * quoted names group together: {@code "Lost task 3.0 in stage 7.0 (TID 41) on host 10.0.0.5"} becomes
 * {@code "Lost task <n> in stage <n> (TID <n>) on host <ip>"}.
 */
public final class MessageTemplates {

    private static final int MAX = 300;
    private static final Pattern[] PATTERNS = {
        Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s'\"]+"),
        Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
        Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b"),
        Pattern.compile("(?<![\\w.])(?:/[\\w.@+-]+){2,}/?"),
        Pattern.compile("\\b(?:application|container|job|attempt|task|stage|executor|query|appattempt)_[\\w-]+"),
        Pattern.compile("\\b0x[0-9a-fA-F]+\\b"),
        Pattern.compile("\\b[0-9a-fA-F]{12,}\\b"),
        Pattern.compile("\\b\\d+(?:[.,]\\d+)*(?:\\s?(?:[kKmMgGtT]i?[bB]|bytes|ms|s|%))?\\b"),
    };
    private static final String[] REPLACEMENTS = {"<url>", "<uuid>", "<ip>", "<path>", "<id>", "<hex>", "<hex>", "<n>"};

    private MessageTemplates() {
    }

    /** The template of the first line of a message ({@code "(no message)"} for none). */
    public static String template(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String line = message.strip().lines().findFirst().orElse("");
        if (line.length() > 2 * MAX) {
            line = line.substring(0, 2 * MAX);
        }
        for (int i = 0; i < PATTERNS.length; i++) {
            line = PATTERNS[i].matcher(line).replaceAll(REPLACEMENTS[i]);
        }
        line = line.replaceAll("\\s+", " ").strip();
        return line.length() > MAX ? line.substring(0, MAX - 1) + "…" : line;
    }
}
