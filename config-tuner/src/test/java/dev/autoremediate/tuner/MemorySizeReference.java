package dev.autoremediate.tuner;

import java.math.BigInteger;
import java.util.Locale;

/**
 * {@code MemorySize.parse(text, bareUnitBytes)} as it was before {@link dev.autoremediate.ingest.contract.ByteUnit}
 * read every size (the MiB it gave), kept to compare against in {@link SizeParsingEquivalenceTest}.
 */
final class MemorySizeReference {

    private static final long MIB = 1L << 20;

    private MemorySizeReference() {
    }

    static long parse(String text, long bareUnitBytes) {
        if (text == null) {
            throw new IllegalArgumentException("a memory size is needed, got null");
        }
        String t = text.strip();
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || !isLetters(t, digits)) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size (expected e.g. 512m, 8g, 1t)");
        }
        String unit = t.substring(digits).toLowerCase(Locale.ROOT);
        long unitBytes = switch (unit) {
            case "" -> bareUnitBytes;
            case "b" -> 1L;
            case "k", "kb" -> 1L << 10;
            case "m", "mb" -> 1L << 20;
            case "g", "gb" -> 1L << 30;
            case "t", "tb" -> 1L << 40;
            case "p", "pb" -> 1L << 50;
            default -> throw new IllegalArgumentException(
                    "'" + text + "' is not a memory size: unknown unit '" + unit + "'");
        };
        if (digits <= 18) { // fits a long; the exact product is checked for overflow, else the BigInteger path decides
            long number = Long.parseLong(t, 0, digits, 10);
            long high = Math.multiplyHigh(number, unitBytes);
            long bytes = number * unitBytes;
            if (high == 0 && bytes >= 0) {
                long whole = bytes / MIB + (bytes % MIB == 0 ? 0 : 1);
                return whole;
            }
        }
        BigInteger bytes = new BigInteger(t.substring(0, digits)).multiply(BigInteger.valueOf(unitBytes));
        BigInteger[] mib = bytes.divideAndRemainder(BigInteger.valueOf(MIB));
        BigInteger whole = mib[1].signum() == 0 ? mib[0] : mib[0].add(BigInteger.ONE);
        if (whole.bitLength() > 62) {
            throw new IllegalArgumentException("'" + text + "' is too large a memory size");
        }
        return whole.longValueExact();
    }

    /** Whether everything from {@code from} on is an ASCII letter (the unit; the regex {@code [a-z]*} in lower case). */
    private static boolean isLetters(String t, int from) {
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
