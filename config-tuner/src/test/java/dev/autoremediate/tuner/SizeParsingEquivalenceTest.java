package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.sim.SparkSettings;
import dev.autoremediate.ingest.contract.ByteUnit;
import dev.autoremediate.model.FailureFeatures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The three readers of Spark sizes that existed before {@link ByteUnit} ({@link MemorySizeReference},
 * {@link SparkSettingsSizeReference}, {@link FailureFeaturesSizeReference}) against their replacements, which all call
 * {@link ByteUnit#parse(String)}: identical on every size the project's data and generators hold, and, on the edge
 * cases where the old readers disagreed (with each other or with Spark), what Spark 3.5.7's
 * {@code JavaUtils.byteStringAs} returned.
 */
class SizeParsingEquivalenceTest {

    private static final long MIB = 1L << 20;

    /** Sizes in the job configs of /work/shared/data, the modules' test resources, docs and tests. */
    private static final List<String> SEEN = List.of("8g", "4g", "1g", "2g", "3g", "6g", "9g", "10g", "12g", "13g",
            "14g", "16g", "18g", "24g", "30g", "32g", "40g", "48g", "58g", "60g", "63g", "64g", "128g", "1t", "3t",
            "1025g", "1m", "64m", "256m", "300m", "384m", "500m", "512m", "768m", "1024m", "1280m", "1536m", "1600m",
            "1728m", "2047m", "2560m", "3328m", "6656m", "8192m", "8704m", "10752m", "12800m", "0", "2048", "4096",
            "16384", "2147483648", "4772593664", "7516192768", "9663676416", "64424509440", "1536M", "4GB", "4gb",
            "2048k", "1073741824b", " 2G ");

    /**
     * Spark 3.5.7's {@code byteStringAs(text, MiB)} and {@code byteStringAs(text, BYTE)} for each text, null where it
     * throws (printed by a program run against spark-common-utils 3.5.7).
     */
    private static final List<Row> SPARK = List.of(
            row("", null, null),
            row(" ", null, null),
            row("lots", null, null),
            row("1.5g", null, null),
            row("0.5g", null, null),
            row("1.5", null, null),
            row("-1", null, null),
            row("-1g", null, null),
            row("+8g", null, null),
            row("8 g", null, null),
            row("10 m", null, null),
            row("8x", null, null),
            row("g", null, null),
            row("8gib", null, null),
            row("8gi", null, null),
            row("8mi", null, null),
            row("8GiB", null, null),
            row("8kib", null, null),
            row("0x10", null, null),
            row("1e3m", null, null),
            row("8bb", null, null),
            row("8gg", null, null),
            row("99999999999999999999t", null, null),
            row("9223372036854775807", 9223372036854775807L, 9223372036854775807L),
            row("9223372036854775808b", null, null),
            row("9000000t", 9437184000000L, null),
            row("8191p", 8795019280384L, 9222246136947933184L),
            row("8192p", 8796093022208L, null),
            row("1p", 1073741824L, 1125899906842624L),
            row("1pb", 1073741824L, 1125899906842624L),
            row("1PB", 1073741824L, 1125899906842624L),
            row("2TB", 2097152L, 2199023255552L),
            row("1500k", 1L, 1536000L),
            row("1b", 0L, 1L),
            row("1k", 0L, 1024L),
            row("3kB", 0L, 3072L),
            row("1048575b", 0L, 1048575L),
            row("1048576b", 1L, 1048576L),
            row("1048577b", 1L, 1048577L),
            row("1073741824b", 1024L, 1073741824L),
            row("2048k", 2L, 2097152L),
            row("\t8g\n", 8192L, 8589934592L),
            row("\u00018g", 8192L, 8589934592L),
            row("\u20038g", null, null),
            row("\u00a08g", null, null),
            row("8\u212ab", 0L, 8192L),
            row("08g", 8192L, 8589934592L),
            row("0000000000000000000001g", 1024L, 1073741824L),
            row("1000000000000g", 1024000000000000L, null),
            row("999999999999t", 1048575999998951424L, null),
            row("4GB", 4096L, 4294967296L),
            row("1536M", 1536L, 1610612736L),
            row(" 2G ", 2048L, 2147483648L),
            row("4611686018427387904", 4611686018427387904L, 4611686018427387904L),
            row("4611686018427387903", 4611686018427387903L, 4611686018427387903L),
            row("4398046511104t", 4611686018427387904L, null));

    @Test
    void everySizeTheProjectHoldsOrWritesIsReadAsBefore() {
        Set<String> corpus = new LinkedHashSet<>(SEEN);
        for (long mb = 0; mb <= 3L << 20; mb += mb < 70_000 ? 1 : 1021) {
            corpus.add(SparkSettings.sparkSize(mb)); // what the simulator writes into configs
            corpus.add(MemorySize.ofMebibytes(mb).toSparkString()); // what the tuner writes
            corpus.add(Long.toString(mb));
        }
        corpus.add(SparkSettings.sparkSize(1536.4));
        for (String text : corpus) {
            assertThat(outcome(() -> MemorySize.parse(text, ByteUnit.MIB).mebibytes())).as("tuner, MiB key: %s", text)
                    .isEqualTo(outcome(() -> MemorySizeReference.parse(text, MIB)));
            assertThat(outcome(() -> MemorySize.parse(text, ByteUnit.BYTE).mebibytes()))
                    .as("tuner, bytes key: %s", text).isEqualTo(outcome(() -> MemorySizeReference.parse(text, 1)));
            assertThat(outcome(() -> SparkSettings.mebibytes(text, ByteUnit.MIB))).as("simulator, MiB key: %s", text)
                    .isEqualTo(outcome(() -> SparkSettingsSizeReference.mebibytes(text, MIB)));
            assertThat(outcome(() -> SparkSettings.mebibytes(text, ByteUnit.BYTE)))
                    .as("simulator, bytes key: %s", text)
                    .isEqualTo(outcome(() -> SparkSettingsSizeReference.mebibytes(text, 1)));
            assertThat(FailureFeatures.bytes(text)).as("features: %s", text)
                    .isEqualTo(FailureFeaturesSizeReference.bytes(text));
        }
        assertThat(corpus).hasSizeGreaterThan(100_000);
    }

    @Test
    void onEdgeCasesEveryReaderNowAnswersAsSparkDoes() {
        for (Row row : SPARK) {
            String text = row.text();
            Object tunerMib = row.mib() == null || row.mib() >= 1L << 62 ? "error" : row.mib();
            Object tunerBytes = row.bytes() == null ? "error" : row.bytes() / MIB + (row.bytes() % MIB == 0 ? 0 : 1);
            assertThat(outcome(() -> MemorySize.parse(text, ByteUnit.MIB).mebibytes())).as("tuner, MiB key: %s", text)
                    .isEqualTo(tunerMib);
            assertThat(outcome(() -> MemorySize.parse(text, ByteUnit.BYTE).mebibytes()))
                    .as("tuner, bytes key: %s", text).isEqualTo(tunerBytes);
            assertThat(outcome(() -> SparkSettings.mebibytes(text, ByteUnit.MIB))).as("simulator, MiB key: %s", text)
                    .isEqualTo(row.mib() == null ? "error" : (double) row.mib());
            assertThat(outcome(() -> SparkSettings.mebibytes(text, ByteUnit.BYTE)))
                    .as("simulator, bytes key: %s", text)
                    .isEqualTo(row.bytes() == null ? "error" : row.bytes() / (double) MIB);
            long featureBytes = row.mib() == null || row.mib() > Long.MAX_VALUE >> 20 ? 0 : row.mib() << 20;
            assertThat(FailureFeatures.bytes(text)).as("features: %s", text).isEqualTo(featureBytes);
        }
    }

    /**
     * The edge cases on which an old reader answered otherwise than Spark: the disagreements this change decided for
     * Spark. Listed so that a reader of the test sees them; each is one of the kinds named in its description.
     */
    @Test
    void theOldReadersDisagreedWithSparkOnlyWhereExpected() {
        List<String> disagreements = new ArrayList<>();
        for (Row row : SPARK) {
            String text = row.text();
            if (!outcome(() -> MemorySizeReference.parse(text, MIB)).equals(
                    row.mib() == null || row.mib() >= 1L << 62 ? "error" : row.mib())) {
                disagreements.add("tuner " + printable(text));
            }
            if (!outcome(() -> SparkSettingsSizeReference.mebibytes(text, MIB)).equals(
                    row.mib() == null ? "error" : (double) row.mib())) {
                disagreements.add("simulator " + printable(text));
            }
            long featureBytes = row.mib() == null || row.mib() > Long.MAX_VALUE >> 20 ? 0 : row.mib() << 20;
            if (FailureFeaturesSizeReference.bytes(text) != featureBytes) {
                disagreements.add("features " + printable(text));
            }
        }
        assertThat(disagreements).containsExactlyInAnyOrder(
                // amounts below a whole MiB: the tuner rounded them up, the simulator kept the fraction of a MiB,
                // the features counted the exact bytes; Spark rounds a key held in MiB down
                "tuner 1500k", "simulator 1500k", "features 1500k", "tuner 1b", "simulator 1b", "features 1b",
                "tuner 1k", "simulator 1k", "features 1k", "tuner 3kB", "simulator 3kB", "features 3kB",
                "tuner 1048575b", "simulator 1048575b", "features 1048575b",
                "tuner 1048577b", "simulator 1048577b", "features 1048577b",
                // fractions: the simulator read them, Spark rejects them
                "simulator 1.5g", "simulator 0.5g", "simulator 1.5",
                // p/pb: unknown to the simulator and the features, Spark's pebibytes
                "simulator 1p", "features 1p", "simulator 1pb", "features 1pb", "simulator 1PB", "features 1PB",
                "simulator 8191p", "features 8191p", "simulator 8192p",
                // blanks inside and Ki/Mi/Gi suffixes: the features read them, Spark rejects them
                "features 8 g", "features 10 m", "features 8gib", "features 8gi", "features 8mi", "features 8GiB",
                "features 8kib",
                // numbers beyond a long: the tuner (BigInteger) and the simulator (double) read them, Spark rejects
                "simulator 99999999999999999999t", "tuner 9223372036854775808b", "simulator 9223372036854775808b",
                // more than 12 digits: the features gave 0, Spark reads them
                "features 0000000000000000000001g",
                // String.strip against Spark's String.trim after lower-casing: a control character around the text
                // is trimmed, a Unicode blank (em space) is not, the Kelvin sign lower-cases to k
                "tuner \\u00018g", "simulator \\u00018g", "features \\u00018g",
                "tuner \\u20038g", "simulator \\u20038g", "features \\u20038g",
                "tuner 8\\u212ab", "simulator 8\\u212ab", "features 8\\u212ab");
    }

    private record Row(String text, Long mib, Long bytes) {
    }

    private static Row row(String text, Long mib, Long bytes) {
        return new Row(text, mib, bytes);
    }

    /** The value, or "error" when the reader throws an IllegalArgumentException. */
    private static Object outcome(Callable<Object> read) {
        try {
            return read.call();
        } catch (IllegalArgumentException e) {
            return "error";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String printable(String text) {
        var sb = new StringBuilder();
        text.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
