package dev.autoremediate.tuner;

import java.util.Locale;

/**
 * {@code SparkSettings.mebibytes(text, bareUnitBytes)} of {@code datasets} as it was before
 * {@link dev.autoremediate.ingest.contract.ByteUnit} read every size, kept to compare against in
 * {@link SizeParsingEquivalenceTest}.
 */
final class SparkSettingsSizeReference {

    private SparkSettingsSizeReference() {
    }

    /** A Spark size string in MiB; {@code bareUnitBytes} is what a bare number counts (bytes or MiB). */
    public static double mebibytes(String text, long bareUnitBytes) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size");
        }
        double number = Double.parseDouble(t.substring(0, i));
        double bytes = switch (t.substring(i)) {
            case "" -> number * bareUnitBytes;
            case "b" -> number;
            case "k", "kb" -> number * 1024;
            case "m", "mb" -> number * (1 << 20);
            case "g", "gb" -> number * (1L << 30);
            case "t", "tb" -> number * (1L << 40);
            default -> throw new IllegalArgumentException("'" + text + "' is not a memory size");
        };
        return bytes / (1 << 20);
    }
}
