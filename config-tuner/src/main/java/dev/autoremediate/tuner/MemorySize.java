package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ByteUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of memory in whole mebibytes (MiB), as Spark's memory settings express it.
 *
 * <p>{@link #parse(String)} reads Spark's size strings with {@link ByteUnit#parse(String)}, Spark's own rules: a whole
 * number followed by an optional unit {@code b}, {@code k}/{@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb},
 * {@code t}/{@code tb} or {@code p}/{@code pb} (case-insensitive, binary multiples: {@code 1k} = 1024 bytes). A bare
 * number means MiB, as it does for {@code spark.executor.memory}, and a key held in MiB rounds down to a whole MiB as
 * Spark does ({@code 1500k} is 1 MiB). A key that Spark holds in bytes ({@code spark.driver.maxResultSize}) rounds up
 * to a whole MiB instead, so that a small limit is not read as 0, which Spark takes as no limit. Fractions
 * ({@code 1.5g}) are rejected, as Spark rejects them; so are sizes of 2<sup>62</sup> MiB or more.
 *
 * @param mebibytes the amount in MiB, never negative
 */
public record MemorySize(long mebibytes) implements Comparable<MemorySize> {

    private static final long MIB = ByteUnit.MIB.bytes();

    /** Below 2<sup>62</sup> MiB, so that adding two sizes read from a configuration cannot overflow. */
    private static final long MAX_MEBIBYTES = (1L << 62) - 1;

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
     * Parses a Spark size string ({@code 8g}, {@code 512m}, {@code 1536M}, {@code 2048k}, {@code 1t}, {@code 4gb}) of a
     * key held in MiB such as {@code spark.executor.memory}: a bare number means MiB.
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static MemorySize parse(String text) {
        return parse(text, ByteUnit.MIB);
    }

    /**
     * Parses a size of a key that Spark holds in {@code unit} ({@link ByteUnit#BYTE} for
     * {@code spark.driver.maxResultSize}, whose bare numbers are bytes), read by {@link ByteUnit#parse(String)}.
     */
    static MemorySize parse(String text, ByteUnit unit) {
        long value = unit.parse(text);
        long mebibytes;
        if (unit.bytes() >= MIB) {
            long perUnit = unit.bytes() / MIB;
            mebibytes = value > MAX_MEBIBYTES / perUnit ? -1 : value * perUnit;
        } else {
            long perMib = MIB / unit.bytes();
            mebibytes = value / perMib + (value % perMib == 0 ? 0 : 1);
        }
        if (mebibytes < 0 || mebibytes > MAX_MEBIBYTES) {
            throw new IllegalArgumentException("'" + text + "' is too large a memory size");
        }
        return new MemorySize(mebibytes);
    }

    /** Spark's text in the largest unit that is exact: 12288 MiB is {@code 12g}, 1536 MiB is {@code 1536m}. */
    public String toSparkString() {
        return appendSparkString(new StringBuilder(8), mebibytes).toString();
    }

    /** Appends what {@link #toSparkString()} gives for {@code mebibytes} (not negative) to {@code sb}. */
    static StringBuilder appendSparkString(StringBuilder sb, long mebibytes) {
        return ByteUnit.appendMebibytes(sb, mebibytes);
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
