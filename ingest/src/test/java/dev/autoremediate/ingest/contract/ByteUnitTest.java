package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteUnitTest {

    /** What Spark 3.5.7's {@code JavaUtils.byteStringAs(text, BYTE)} and {@code (text, MiB)} returned for each text. */
    @ParameterizedTest(name = "\"{0}\" is {1} bytes or {2} MiB, as in Spark")
    @CsvSource({
            "8g, 8589934592, 8192",
            "512m, 536870912, 512",
            "1536M, 1610612736, 1536",
            "2048k, 2097152, 2",
            "1t, 1099511627776, 1048576",
            "4gb, 4294967296, 4096",
            "4GB, 4294967296, 4096",
            "1024, 1024, 1024",
            "' 2G ', 2147483648, 2048",
            "1073741824b, 1073741824, 1024",
            "1p, 1125899906842624, 1073741824",
            "1PB, 1125899906842624, 1073741824",
            "2TB, 2199023255552, 2097152",
            "3kB, 3072, 0",
            "0, 0, 0",
            "0g, 0, 0",
            "08g, 8589934592, 8192",
            "1500k, 1536000, 1",
            "1b, 1, 0",
            "9223372036854775807, 9223372036854775807, 9223372036854775807"})
    void readsSizesAsSparkDoes(String text, long bytes, long mebibytes) {
        assertThat(ByteUnit.BYTE.parse(text)).isEqualTo(bytes);
        assertThat(ByteUnit.MIB.parse(text)).isEqualTo(mebibytes);
        assertThat(ByteUnit.MIB.tryParse(text)).hasValue(mebibytes);
    }

    @Test
    void aBareNumberCountsTheUnitItIsReadIn() {
        assertThat(ByteUnit.BYTE.parse("2147483648")).isEqualTo(2147483648L);
        assertThat(ByteUnit.MIB.parse("2048")).isEqualTo(2048);
        assertThat(ByteUnit.GIB.parse("2")).isEqualTo(2);
        assertThat(ByteUnit.GIB.parse("2047m")).isEqualTo(1);
    }

    @Test
    void controlCharactersAroundTheTextAreTrimmedAsStringTrimDoes() {
        assertThat(ByteUnit.MIB.parse("\t8g\n")).isEqualTo(8192);
        assertThat(ByteUnit.MIB.parse("\u00018g\u0000")).isEqualTo(8192);
    }

    @Test
    void aKelvinSignLowerCasesToKAsInSpark() {
        assertThat(ByteUnit.BYTE.parse("2\u212A")).isEqualTo(2048);
    }

    @Test
    void resultsBeyondALongAreRejectedOnlyInTheUnitWhereTheyOverflow() {
        assertThat(ByteUnit.MIB.parse("9000000t")).isEqualTo(9437184000000L);
        assertThatThrownBy(() -> ByteUnit.BYTE.parse("9000000t")).hasMessageContaining("too large");
        assertThat(ByteUnit.MIB.parse("8192p")).isEqualTo(8796093022208L);
        assertThatThrownBy(() -> ByteUnit.BYTE.parse("8192p")).hasMessageContaining("too large");
        assertThat(ByteUnit.BYTE.parse("8191p")).isEqualTo(8191L << 50);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", "  ", "lots", "1.5g", "-1g", "+8g", "8 g", "8x", "g", "8gib", "8gg", "8bb", "0x10",
            "1e3m", "\u00a08g", "\u0668g", "99999999999999999999t", "9223372036854775808b"})
    void rejectsWhatSparkRejectsNamingTheText(String text) {
        assertThatThrownBy(() -> ByteUnit.MIB.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a size")
                .hasMessageContaining("e.g. 512m, 8g");
        assertThat(ByteUnit.MIB.tryParse(text)).isEmpty();
    }

    @Test
    void theMessageSaysWhatIsWrong() {
        assertThatThrownBy(() -> ByteUnit.MIB.parse("1.5g")).hasMessageContaining("fractions are not supported");
        assertThatThrownBy(() -> ByteUnit.MIB.parse("8gib")).hasMessageContaining("unknown unit 'gib'");
        assertThatThrownBy(() -> ByteUnit.MIB.parse("8 g")).hasMessageContaining("unexpected characters");
        assertThatThrownBy(() -> ByteUnit.MIB.parse("-1g")).hasMessageContaining("does not start with a whole number");
        assertThatThrownBy(() -> ByteUnit.BYTE.parse("9000000t")).hasMessageContaining("too large for a long in bytes");
        assertThatThrownBy(() -> ByteUnit.MIB.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThat(ByteUnit.MIB.tryParse(null)).isEmpty();
    }

    @Test
    void eachUnitKnowsItsBytes() {
        assertThat(ByteUnit.BYTE.bytes()).isEqualTo(1);
        assertThat(ByteUnit.KIB.bytes()).isEqualTo(1024);
        assertThat(ByteUnit.MIB.bytes()).isEqualTo(1L << 20);
        assertThat(ByteUnit.PIB.bytes()).isEqualTo(1L << 50);
        assertThat(ByteUnit.MIB).hasToString("MiB");
    }

    /** Random texts near the grammar, each unit: the same answer as a line-by-line copy of Spark's code. */
    @Test
    void agreesWithSparksAlgorithmOnRandomTexts() {
        var random = new Random(11);
        String[] pieces = {"", "0", "1", "7", "9", "12", "1024", "9223372036854775807", "9223372036854775808", "8191",
                "8192", ".", ".5", "-", "+", " ", "\t", "b", "B", "k", "K", "kb", "KB", "m", "mb", "g", "Gb", "t", "tb",
                "p", "pB", "x", "gib", "bb", "e3", "\u212A", "\u00a0", "\u0130"};
        for (int i = 0; i < 50_000; i++) {
            var sb = new StringBuilder();
            int parts = 1 + random.nextInt(4);
            for (int p = 0; p < parts; p++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = sb.toString();
            for (ByteUnit unit : ByteUnit.values()) {
                Long expected = Spark.byteStringAs(text, unit);
                if (expected == null) {
                    assertThat(unit.tryParse(text)).as("%s in %s", text, unit).isEmpty();
                    assertThatThrownBy(() -> unit.parse(text)).isInstanceOf(IllegalArgumentException.class);
                } else {
                    assertThat(unit.parse(text)).as("%s in %s", text, unit).isEqualTo(expected);
                }
            }
        }
    }

    /** Spark's {@code JavaUtils.byteStringAs} and {@code ByteUnit.convertTo}, transcribed; null where Spark throws. */
    private static final class Spark {
        private static final Pattern WHOLE = Pattern.compile("([0-9]+)([a-z]+)?");
        private static final Map<String, Long> SUFFIXES = Map.ofEntries(Map.entry("b", 1L), Map.entry("k", 1L << 10),
                Map.entry("kb", 1L << 10), Map.entry("m", 1L << 20), Map.entry("mb", 1L << 20),
                Map.entry("g", 1L << 30), Map.entry("gb", 1L << 30), Map.entry("t", 1L << 40),
                Map.entry("tb", 1L << 40), Map.entry("p", 1L << 50), Map.entry("pb", 1L << 50));

        static Long byteStringAs(String str, ByteUnit unit) {
            String lower = str.toLowerCase(Locale.ROOT).trim();
            Matcher m = WHOLE.matcher(lower);
            if (!m.matches()) {
                return null;
            }
            long value;
            try {
                value = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            String suffix = m.group(2);
            if (suffix != null && !SUFFIXES.containsKey(suffix)) {
                return null;
            }
            long from = suffix == null ? unit.bytes() : SUFFIXES.get(suffix);
            long to = unit.bytes();
            if (from > to) {
                long ratio = from / to;
                return Long.MAX_VALUE / ratio < value ? null : value * ratio;
            }
            return value / (to / from);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 0m", "1, 1m", "1023, 1023m", "1024, 1g", "1536, 1536m", "12288, 12g", "1047552, 1023g",
        "1048576, 1t", "2097152, 2t", "1049600, 1025g"})
    void writesMebibytesInTheLargestExactUnit(long mebibytes, String text) {
        assertThat(ByteUnit.mebibytes(mebibytes)).isEqualTo(text);
    }

    @Test
    void whatItWritesReadsBackToTheSameSize() {
        var random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            long mebibytes = random.nextInt(4) == 0 ? (long) random.nextInt(64) << (10 * random.nextInt(3))
                    : random.nextLong(1L << 40);
            assertThat(ByteUnit.MIB.parse(ByteUnit.mebibytes(mebibytes))).as("%d MiB", mebibytes).isEqualTo(mebibytes);
        }
    }
}
