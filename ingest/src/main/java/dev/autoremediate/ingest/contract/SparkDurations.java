package dev.autoremediate.ingest.contract;

import java.util.Locale;

/**
 * The one reader of duration strings in {@link Job#config()} ({@code spark.sql.broadcastTimeout}: {@code 300},
 * {@code 5min}, {@code 1500ms}), used by the config tuner and the simulator alike.
 */
public final class SparkDurations {

    private SparkDurations() {
    }

    /**
     * A duration in seconds: a bare number is seconds; suffixes {@code s}, {@code ms}, {@code m}/{@code min},
     * {@code h}, case-insensitive, around blanks; a fraction is allowed ({@code 1.5s}).
     *
     * @throws IllegalArgumentException naming the text when it is not such a duration
     */
    public static double seconds(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        double number;
        try {
            number = Double.parseDouble(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: " + e.getMessage(), e);
        }
        return switch (t.substring(i)) {
            case "", "s" -> number;
            case "ms" -> number / 1000;
            case "m", "min" -> number * 60;
            case "h" -> number * 3600;
            default -> throw new IllegalArgumentException("'" + text + "' is not a duration");
        };
    }
}
