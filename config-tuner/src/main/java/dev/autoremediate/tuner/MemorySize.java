package dev.autoremediate.tuner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * An amount of memory in whole mebibytes (MiB), as Spark's memory settings express it.
 *
 * <p>{@link #parse(String)} reads Spark's size strings: a whole number followed by an optional unit {@code b},
 * {@code k}/{@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb}, {@code t}/{@code tb} or {@code p}/{@code pb}
 * (case-insensitive, binary multiples as in Spark: {@code 1k} = 1024 bytes). A bare number means MiB, as it does for
 * {@code spark.executor.memory}. Amounts below a whole MiB round up. Fractions ({@code 1.5g}) are rejected, as Spark
 * rejects them.
 *
 * @param mebibytes the amount in MiB, never negative
 */
public record MemorySize(long mebibytes) implements Comparable<MemorySize> {

    private static final long MIB = 1L << 20;

    public MemorySize {
        if (mebibytes < 0) {
            throw new IllegalArgumentException("a memory size cannot be negative: " + mebibytes + " MiB");
        }
    }

    public static MemorySize ofMebibytes(long mebibytes) {
        return new MemorySize(mebibytes);
    }

    public static MemorySize ofGibibytes(long gibibytes) {
        return new MemorySize(Math.multiplyExact(gibibytes, 1024L));
    }

    /**
     * Parses a Spark size string ({@code 8g}, {@code 512m}, {@code 1536M}, {@code 2048k}, {@code 1t}, {@code 4gb});
     * a bare number means MiB.
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static MemorySize parse(String text) {
        return parse(text, MIB);
    }

    /**
     * Parses a size whose bare numbers are counted in {@code bareUnitBytes} (1 for keys such as
     * {@code spark.driver.maxResultSize}, whose bare numbers are bytes).
     */
    static MemorySize parse(String text, long bareUnitBytes) {
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
                return new MemorySize(whole);
            }
        }
        BigInteger bytes = new BigInteger(t.substring(0, digits)).multiply(BigInteger.valueOf(unitBytes));
        BigInteger[] mib = bytes.divideAndRemainder(BigInteger.valueOf(MIB));
        BigInteger whole = mib[1].signum() == 0 ? mib[0] : mib[0].add(BigInteger.ONE);
        if (whole.bitLength() > 62) {
            throw new IllegalArgumentException("'" + text + "' is too large a memory size");
        }
        return new MemorySize(whole.longValueExact());
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

    /** Spark's text in the largest unit that is exact: 12288 MiB is {@code 12g}, 1536 MiB is {@code 1536m}. */
    public String toSparkString() {
        return appendSparkString(new StringBuilder(8), mebibytes).toString();
    }

    /** Appends what {@link #toSparkString()} gives for {@code mebibytes} (not negative) to {@code sb}. */
    static StringBuilder appendSparkString(StringBuilder sb, long mebibytes) {
        if (mebibytes != 0 && mebibytes % (1L << 20) == 0) {
            return sb.append(mebibytes >> 20).append('t');
        }
        if (mebibytes != 0 && mebibytes % 1024 == 0) {
            return sb.append(mebibytes >> 10).append('g');
        }
        return sb.append(mebibytes).append('m');
    }

    /** This size times {@code factor}, rounded up to a whole MiB ({@code 1000m × 1.1} is {@code 1100m}). */
    public MemorySize times(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("cannot multiply a memory size by " + factor);
        }
        BigDecimal product = BigDecimal.valueOf(mebibytes).multiply(BigDecimal.valueOf(factor))
                .setScale(0, RoundingMode.CEILING);
        if (product.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(toSparkString() + " × " + factor + " is too large a memory size");
        }
        return new MemorySize(product.longValueExact());
    }

    public MemorySize plus(MemorySize other) {
        return new MemorySize(Math.addExact(mebibytes, other.mebibytes));
    }

    /** This size less {@code other}, never below zero. */
    public MemorySize minus(MemorySize other) {
        return new MemorySize(Math.max(0, mebibytes - other.mebibytes));
    }

    public boolean isGreaterThan(MemorySize other) {
        return mebibytes > other.mebibytes;
    }

    @Override
    public int compareTo(MemorySize other) {
        return Long.compare(mebibytes, other.mebibytes);
    }

    /** The same as {@link #toSparkString()}. */
    @Override
    public String toString() {
        return toSparkString();
    }
}
