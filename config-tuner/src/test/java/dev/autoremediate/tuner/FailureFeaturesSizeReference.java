package dev.autoremediate.tuner;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code FailureFeatures.bytes(setting)} of {@code ml-model} as it was before
 * {@link dev.autoremediate.ingest.contract.ByteUnit} read every size, kept to compare against in
 * {@link SizeParsingEquivalenceTest}.
 */
final class FailureFeaturesSizeReference {

    private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})\\s*([kmgt]i?b?|b)?");

    private FailureFeaturesSizeReference() {
    }

    /** Bytes of a Spark memory setting ({@code 8g}, {@code 512m}, {@code 4096} = MiB); 0 when absent or unreadable. */
    static long bytes(String setting) {
        if (setting == null) {
            return 0;
        }
        Matcher m = MEMORY.matcher(setting.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return 0;
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        int shift = switch (unit.isEmpty() ? "m" : unit.substring(0, 1)) {
            case "k" -> 10;
            case "g" -> 30;
            case "t" -> 40;
            case "b" -> 0;
            default -> 20;
        };
        return value > (Long.MAX_VALUE >> shift) ? 0 : value << shift;
    }
}
