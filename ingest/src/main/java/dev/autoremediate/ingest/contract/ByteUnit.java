package dev.autoremediate.ingest.contract;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * A binary unit of memory, and the one reader of Spark's size strings in {@link Job#config()} ({@code 8g},
 * {@code 512m}, {@code 2048k}): every module that reads a memory setting calls {@link #parse(String)} on the unit
 * that the setting is held in.
 *
 * <p>{@code unit.parse(text)} is Spark's {@code JavaUtils.byteStringAs(text, unit)} (checked against Spark 3.5.7):
 * <ul>
 *   <li>the text is lower-cased and {@link String#trim() trimmed}, then must be ASCII digits followed by an optional
 *       suffix {@code b}, {@code k}/{@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb}, {@code t}/{@code tb} or
 *       {@code p}/{@code pb} (binary multiples: {@code 1k} = 1024 bytes), so {@code 4GB} = {@code 4g};</li>
 *   <li>a bare number counts this unit: the key's own unit, which differs per key ({@code spark.executor.memory},
 *       {@code spark.driver.memory}, {@code spark.executor.memoryOverhead} and
 *       {@code spark.kryoserializer.buffer.max} are held in MiB; {@code spark.driver.maxResultSize} and
 *       {@code spark.memory.offHeap.size} in bytes);</li>
 *   <li>the result is in this unit, rounded down as Spark does ({@code MIB.parse("1500k")} is 1);</li>
 *   <li>fractions ({@code 1.5g}), signs, blanks inside ({@code 8 g}), other suffixes ({@code 8gib}), numbers beyond
 *       a {@code long} and results beyond a {@code long} are rejected with an {@link IllegalArgumentException} that
 *       names the text and says why.</li>
 * </ul>
 */
public enum ByteUnit {
    BYTE(0), KIB(10), MIB(20), GIB(30), TIB(40), PIB(50);

    private static final String EXAMPLES = "(whole number and unit b, k, m, g, t or p, e.g. 512m, 8g)";

    private final int shift;

    ByteUnit(int shift) {
        this.shift = shift;
    }

    /** The bytes in one of this unit. */
    public long bytes() {
        return 1L << shift;
    }

    /**
     * Writes {@code mebibytes} as Spark's size text in the largest unit that is exact: 12288 is {@code 12g}, 1536 is
     * {@code 1536m}, 2097152 is {@code 2t}, 0 is {@code 0m}; the one writer of sizes, as {@link #parse} is the one
     * reader.
     */
    public static StringBuilder appendMebibytes(StringBuilder sb, long mebibytes) {
        if (mebibytes != 0 && mebibytes % (1L << 20) == 0) {
            return sb.append(mebibytes >> 20).append('t');
        }
        if (mebibytes != 0 && mebibytes % 1024 == 0) {
            return sb.append(mebibytes >> 10).append('g');
        }
        return sb.append(mebibytes).append('m');
    }

    /** {@link #appendMebibytes} as a string. */
    public static String mebibytes(long mebibytes) {
        return appendMebibytes(new StringBuilder(8), mebibytes).toString();
    }

    /**
     * The size {@code text} in this unit; a bare number counts this unit.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public long parse(String text) {
        long value = read(text);
        if (value < 0) {
            throw new IllegalArgumentException(problem(text));
        }
        return value;
    }

    /** {@link #parse(String)}, or empty when the text is not a size (or null), without the cost of an exception. */
    public OptionalLong tryParse(String text) {
        long value = read(text);
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The size in this unit, or -1 when the text is not one (a size is never negative). */
    private long read(String text) {
        if (text == null) {
            return -1;
        }
        int end = text.length();
        int start = 0;
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        int digitsEnd = start;
        long number = 0;
        while (digitsEnd < end) {
            char c = text.charAt(digitsEnd);
            if (c < '0' || c > '9') {
                break;
            }
            if (number > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1; // Long.parseLong would fail: Spark rejects it
            }
            number = number * 10 + (c - '0');
            digitsEnd++;
        }
        if (digitsEnd == start) {
            return -1;
        }
        int suffixShift = suffixShift(text, digitsEnd, end);
        if (suffixShift == NOT_A_SUFFIX) {
            return nonAscii(text) ? readLowerCased(text) : -1;
        }
        return convert(number, suffixShift < 0 ? shift : suffixShift);
    }

    private static final int NOT_A_SUFFIX = -2;

    /** The shift of the suffix between {@code from} and {@code to} (ASCII, either case), -1 for none. */
    private static int suffixShift(String text, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return -1;
        }
        if (length > 2 || length == 2 && (text.charAt(from + 1) | 0x20) != 'b') {
            return NOT_A_SUFFIX;
        }
        char unit = (char) (text.charAt(from) | 0x20);
        if (length == 2 && unit == 'b') {
            return NOT_A_SUFFIX; // "bb"
        }
        return switch (unit) {
            case 'b' -> 0;
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            case 'p' -> 50;
            default -> NOT_A_SUFFIX;
        };
    }

    /** Spark's {@code ByteUnit.convertTo}: exact when the suffix is larger, else rounded down; -1 past a long. */
    private long convert(long number, int fromShift) {
        if (fromShift > shift) {
            int by = fromShift - shift;
            return number > (Long.MAX_VALUE >> by) ? -1 : number << by;
        }
        return number >> (shift - fromShift);
    }

    /**
     * Spark lower-cases before it trims; a non-ASCII letter can lower-case to an ASCII one (the Kelvin sign to
     * {@code k}), so such a text is read again lower-cased. Rare: sizes are ASCII.
     */
    private long readLowerCased(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return nonAscii(lower) ? -1 : read(lower);
    }

    private static boolean nonAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code text} is not a size, for the exception. */
    private String problem(String text) {
        if (text == null) {
            return "a size is needed, got null " + EXAMPLES;
        }
        String t = text.toLowerCase(Locale.ROOT).trim();
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        String why;
        if (digits > 0 && digits < t.length() && t.charAt(digits) == '.') {
            why = "fractions are not supported";
        } else if (digits == 0) {
            why = "it does not start with a whole number";
        } else if (!t.substring(digits).chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            why = "unexpected characters after the number";
        } else if (suffixShift(t, digits, t.length()) == NOT_A_SUFFIX) {
            why = "unknown unit '" + t.substring(digits) + "'";
        } else {
            why = "too large for a long in " + this;
        }
        return "'" + text + "' is not a size: " + why + " " + EXAMPLES;
    }

    /** {@code KiB}, {@code MiB}, as Spark names them; {@code bytes} for {@link #BYTE}. */
    @Override
    public String toString() {
        return this == BYTE ? "bytes" : name().charAt(0) + "iB";
    }
}
