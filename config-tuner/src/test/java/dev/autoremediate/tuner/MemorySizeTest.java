package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.contract.ByteUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {

    @ParameterizedTest(name = "\"{0}\" is {1} MiB")
    @CsvSource({
            "8g, 8192",
            "512m, 512",
            "1536M, 1536",
            "2048k, 2",
            "1t, 1048576",
            "4gb, 4096",
            "4GB, 4096",
            "1024, 1024",
            "' 2G ', 2048",
            "1073741824b, 1024",
            "1p, 1073741824",
            "0, 0",
            "0g, 0"})
    void parsesSparkSizeStrings(String text, long mebibytes) {
        assertThat(MemorySize.parse(text).mebibytes()).isEqualTo(mebibytes);
    }

    @Test
    void aKeyHeldInMebibytesRoundsAmountsBelowAWholeMebibyteDownAsSparkDoes() {
        assertThat(MemorySize.parse("1500k").mebibytes()).isEqualTo(1);
        assertThat(MemorySize.parse("1b").mebibytes()).isEqualTo(0);
    }

    @Test
    void aKeyHeldInBytesRoundsUpToAWholeMebibyteSoThatASmallLimitIsNotReadAsNoLimit() {
        assertThat(MemorySize.parse("1500k", ByteUnit.BYTE).mebibytes()).isEqualTo(2);
        assertThat(MemorySize.parse("1", ByteUnit.BYTE).mebibytes()).isEqualTo(1);
        assertThat(MemorySize.parse("0", ByteUnit.BYTE).mebibytes()).isEqualTo(0);
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", "  ", "lots", "1.5g", "-1g", "8 g", "8x", "g", "8gib", "0x10", "99999999999999999999t"})
    void rejectsGarbageNamingTheText(String text) {
        assertThatThrownBy(() -> MemorySize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void largeNumbersAndUnitsAreExactOnBothSidesOfALongOverflow() {
        var random = new java.util.Random(7);
        String[] units = {"", "b", "k", "kb", "m", "mb", "g", "gb", "t", "tb", "p", "pb"};
        long[] unitBytes = {1L << 20, 1, 1L << 10, 1L << 10, 1L << 20, 1L << 20, 1L << 30, 1L << 30, 1L << 40,
                1L << 40, 1L << 50, 1L << 50};
        for (int i = 0; i < 20_000; i++) {
            int u = random.nextInt(units.length);
            String digits = new java.math.BigInteger(1 + random.nextInt(70), random).toString();
            var number = new java.math.BigInteger(digits);
            var mib = number.multiply(java.math.BigInteger.valueOf(unitBytes[u])).shiftRight(20); // Spark rounds down
            String text = digits + (random.nextBoolean() ? units[u] : units[u].toUpperCase(java.util.Locale.ROOT));
            if (number.bitLength() > 63 || mib.bitLength() > 62) {
                assertThatThrownBy(() -> MemorySize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'" + text + "'");
            } else {
                assertThat(MemorySize.parse(text).mebibytes()).as(text).isEqualTo(mib.longValueExact());
            }
        }
        assertThat(MemorySize.parse("8191p").mebibytes()).isEqualTo(8191L << 30);
        assertThat(MemorySize.parse("8192p").mebibytes()).isEqualTo(8192L << 30);
        assertThatThrownBy(() -> MemorySize.parse("4398046511104t")).hasMessageContaining("too large");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> MemorySize.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBareNumberCanCountBytesForKeysThatSaySo() {
        assertThat(MemorySize.parse("2147483648", ByteUnit.BYTE).mebibytes()).isEqualTo(2048);
    }

    @ParameterizedTest(name = "{0} MiB is written \"{1}\"")
    @CsvSource({
            "12288, 12g",
            "1536, 1536m",
            "1024, 1g",
            "1025, 1025m",
            "1048576, 1t",
            "3145728, 3t",
            "1049600, 1025g",
            "0, 0m"})
    void formatsInTheLargestExactUnit(long mebibytes, String text) {
        assertThat(MemorySize.ofMebibytes(mebibytes).toSparkString()).isEqualTo(text);
        assertThat(MemorySize.ofMebibytes(mebibytes)).hasToString(text);
    }

    @ParameterizedTest(name = "\"{0}\" survives a round trip")
    @ValueSource(strings = {"8g", "1536m", "1t", "384m", "63g"})
    void formattingAndParsingRoundTrip(String text) {
        assertThat(MemorySize.parse(text).toSparkString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} MiB × {1} is {2} MiB")
    @CsvSource({
            "1000, 1.1, 1100",
            "1024, 1.5, 1536",
            "1024, 1.1, 1127",
            "3, 0.5, 2",
            "8192, 2.0, 16384",
            "384, 0, 0"})
    void multiplyingRoundsUpToAWholeMebibyte(long mebibytes, double factor, long expected) {
        assertThat(MemorySize.ofMebibytes(mebibytes).times(factor).mebibytes()).isEqualTo(expected);
    }

    @Test
    void multiplyingByANegativeOrNonFiniteFactorIsAnError() {
        MemorySize size = MemorySize.ofGibibytes(1);
        assertThatThrownBy(() -> size.times(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> size.times(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> size.times(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesCompareAndAdd() {
        assertThat(MemorySize.parse("8g")).isGreaterThan(MemorySize.parse("1536m"));
        assertThat(MemorySize.parse("1g")).isEqualByComparingTo(MemorySize.parse("1024m"));
        assertThat(MemorySize.parse("8g").plus(MemorySize.parse("1g"))).isEqualTo(MemorySize.ofMebibytes(9216));
        assertThat(MemorySize.parse("1g").minus(MemorySize.parse("2g"))).isEqualTo(MemorySize.ofMebibytes(0));
    }

    @Test
    void aNegativeSizeCannotExist() {
        assertThatThrownBy(() -> MemorySize.ofMebibytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
