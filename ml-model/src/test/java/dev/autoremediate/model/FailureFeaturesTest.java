package dev.autoremediate.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.time.Instant;
import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.datasets.LabelledErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureFeaturesTest {

    private final FailureFeatures features = new FailureFeatures();

    private static FailureEvent event(String engine, Integer exitCode, String exceptionClass, String message, String stackTrace) {
        var job = new Job("job-1", "job-1/1", 1, engine, null, null, null, null, Map.of());
        return new FailureEvent(1, "evt-1", Instant.parse("2026-11-22T10:15:30Z"), job,
                new Failure(exitCode, exceptionClass, message, stackTrace, null), null);
    }

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "Lost task 12.3 in stage 3.0 (TID 812) (10.0.4.17 executor 7) | lost task <num> in stage <num> tid <num> <ip> executor <num>",
            "Failed to connect to 172.31.5.9:7337 | failed to connect to <ip>",
            "Block broadcast_0x7f3a9c and rdd 3f2a9c1b7d missing | block broadcast <hex> and rdd <hex> missing",
            "query 123e4567-e89b-12d3-a456-426614174000 failed | query <id> failed",
            "File /user/hive/warehouse/sales.db/t/part-00001.parquet does not exist | file <path> does not exist",
            "Path s3a://bucket/key/a.csv is missing | path <path> is missing",
            "attempt_1449806584223_1318629_m_000075_0 Timed out after 600 secs | attempt <num> <num> m <num> <num> timed out after <num> secs",
            "9.5 GB of 9 GB physical memory used | <num> gb of <num> gb physical memory used",
            "Host <host> user <user> | host <host> user <user>",
            "Status Code: 503; Error Code: SlowDown; exit code 137, line 472 | status code 503 error code slowdown exit code 137 line <num>"})
    void normalisesNumbersIdsAndPaths(String text, String normalised) {
        assertThat(FailureFeatures.normalise(text)).isEqualTo(normalised);
    }

    @Test
    void eventsThatDifferOnlyInIdsAndNumbersHaveTheSameFeatures() {
        FailureEvent a = event("spark", 1, "org.apache.spark.SparkException",
                "Lost task 12.3 in stage 3.0 (TID 812) (10.0.4.17 executor 7): block rdd_42_7 at /data/1/x", null);
        FailureEvent b = event("spark", 1, "org.apache.spark.SparkException",
                "Lost task 0.1 in stage 17.0 (TID 99123) (10.9.9.1 executor 311): block rdd_7_1 at /mnt/disk2/y", null);

        assertThat(features.extract(a)).isEqualTo(features.extract(b));
    }

    @Test
    void namesUnigramsBigramsExceptionEngineAndExitCode() {
        SortedMap<String, Double> extracted = features.extract(FailureEvents.heapOom("job-1"));

        assertThat(extracted).containsKeys(
                "engine=spark", "exit=1", "exc=sparkexception",
                "w=outofmemoryerror", "w=memory", "w=heap", "b=java_heap", "b=heap_space", "w=<num>");
        assertThat(extracted.keySet()).noneMatch(name -> name.matches(".*\\d{2,}.*"));
    }

    @Test
    void splitsCamelCaseWordsIntoTheirParts() {
        SortedMap<String, Double> extracted = features.extract(event("spark", null, "java.io.IOException",
                "SparkOutOfMemoryError: Unable to acquire", null));

        assertThat(extracted).containsKeys("w=sparkoutofmemoryerror", "w=spark", "w=out", "w=of", "w=memory", "w=error",
                "w=io", "w=exception", "exc=ioexception", "exit=none");
    }

    @Test
    void givesEveryFeatureTheSameWeightSoThatTheVectorHasUnitLength() {
        SortedMap<String, Double> extracted = features.extract(FailureEvents.containerKilled("job-1"));

        double squares = extracted.values().stream().mapToDouble(v -> v * v).sum();
        assertThat(squares).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(extracted).containsKey("exit=137");
    }

    @Test
    void isDeterministic() {
        FailureEvent event = FailureEvents.fetchFailed("job-1");

        assertThat(features.extract(event)).isEqualTo(new FailureFeatures().extract(event));
        assertThat(List.copyOf(features.extract(event).keySet())).isSorted();
    }

    @Test
    void anEventWithoutTextStillHasFeatures() {
        SortedMap<String, Double> extracted = features.extract(event(null, 143, null, null, null));

        assertThat(extracted.keySet()).containsExactly("attempt=1", "engine=none", "exc=none", "exit=143");
    }

    @Test
    void readsOnlyTheStartOfAHugeStackTrace() {
        var huge = new StringBuilder();
        int i = 0;
        while (huge.length() < 20_000_000) {
            huge.append("\tat com.example.Frame").append(i++).append(".call(Frame.java:").append(i).append(")\n");
        }
        long start = System.nanoTime();

        SortedMap<String, Double> extracted = features.extract(event("spark", 1, null, "boom", huge.toString()));

        assertThat(extracted.size()).isLessThan(FailureFeatures.MAX_TEXT_CHARS);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    /** The tokeniser as it was written first: every pattern run in turn, then the tokens found by a pattern. */
    private static List<String> referenceTokens(String text) {
        String s = text.length() > FailureFeatures.MAX_TEXT_CHARS ? text.substring(0, FailureFeatures.MAX_TEXT_CHARS) : text;
        s = Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^\\s'\"()\\[\\]]*", Pattern.CASE_INSENSITIVE).matcher(s)
                .replaceAll(" <path> ");
        s = Pattern.compile("(?<![\\w.])(?:/[\\w.@%+=,-]+){2,}/?").matcher(s).replaceAll(" <path> ");
        s = Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", Pattern.CASE_INSENSITIVE)
                .matcher(s).replaceAll(" <id> ");
        s = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b").matcher(s).replaceAll(" <ip> ");
        s = Pattern.compile("(?<![0-9a-z])0x[0-9a-f]+(?![0-9a-z])|(?<![0-9a-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])"
                + "[0-9a-f]{8,}(?![0-9a-z])", Pattern.CASE_INSENSITIVE).matcher(s).replaceAll(" <hex> ");
        s = Pattern.compile("\\d+(?:\\.\\d+)+").matcher(s).replaceAll(" <num> ");
        var tokens = new ArrayList<String>();
        Matcher m = Pattern.compile("<(?:num|hex|id|ip|path|host|user)>|[A-Za-z0-9]+").matcher(s);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    @Test
    void theTokeniserCutsTheSameTokensAsRunningEveryPatternOnRealAndRandomText() {
        var texts = new ArrayList<String>();
        for (LabelledError error : LabelledErrors.realDev()) {
            Failure f = error.toFailureEvent().failure();
            for (String t : new String[] {f.exceptionClass(), f.message(), f.stackTrace(), f.logTail()}) {
                if (t != null) {
                    texts.add(t);
                }
            }
        }
        // random text from the characters the patterns care about, in pieces that make near-misses likely
        String[] pieces = {"0x", "0X1f", "deadbeef", "DEADBEEF0", "12345678", "abcdef12", "1.2", "10.0.0.1", ":8080", ".",
                "/", "//", "s3a://", "://", "-", "123e4567-e89b-12d3-a456-426614174000", "<num>", "<host>", "<nu", ">",
                "<", "Out", "OfMemory", "HTTPServer", "x", "g", " ", "\t", "_", "é", "9", "a", "F"};
        var random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            var b = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int j = 0; j < n; j++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertThat(FailureFeatures.rawTokens(text)).as(text).isEqualTo(referenceTokens(text));
        }
    }

    /**
     * The feature names as they were first written, a String per name, with the camel-case parts cut by their pattern:
     * the reference for {@link FailureFeatures#names}, which writes the names as characters (FeatureNames).
     */
    private static java.util.Set<String> referenceNames(FailureEvent event) {
        var names = new java.util.HashSet<String>();
        Failure failure = event.failure();
        String exceptionClass = failure == null ? null : failure.exceptionClass();
        String engine = event.job() == null || event.job().engine() == null || event.job().engine().isBlank()
                ? "none" : event.job().engine().strip().toLowerCase(java.util.Locale.ROOT);
        names.add("engine=" + engine);
        names.add("exit=" + (failure == null || failure.exitCode() == null ? "none" : failure.exitCode()));
        String exc = exceptionClass == null || exceptionClass.isBlank() ? "none"
                : exceptionClass.strip().substring(exceptionClass.strip().lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        names.add("exc=" + exc);
        int attempt = event.job() == null ? 1 : event.job().attempt();
        names.add("attempt=" + (attempt <= 1 ? "1" : attempt == 2 ? "2" : "3+"));
        var m = event.metrics();
        if (m != null) {
            names.add("fact=metrics");
            Map<String, String> config = event.job() == null ? Map.of() : event.job().config();
            long heap = FailureFeatures.bytes(config.get("spark.executor.memory"));
            long overhead = FailureFeatures.bytes(config.get("spark.executor.memoryOverhead"));
            if (m.spillBytes() != null && m.spillBytes() > 0) {
                names.add("fact=spill");
            }
            if (heap > 0 && m.peakExecutorMemoryBytes() != null && m.peakExecutorMemoryBytes() >= 0.9 * heap) {
                names.add("fact=heap-near-limit");
            }
            if (heap > 0 && m.peakExecutorRssBytes() != null
                    && m.peakExecutorRssBytes() >= 0.95 * (heap + Math.max(overhead, Math.max(384L << 20, heap / 10)))) {
                names.add("fact=rss-over-container");
            }
            if (m.resultBytes() != null && m.resultBytes() >= 1L << 30) {
                names.add("fact=large-result");
            }
        }
        if (failure != null) {
            for (String text : new String[] {failure.exceptionClass(), failure.message(), failure.stackTrace(),
                    failure.logTail()}) {
                if (text == null || text.isBlank()) {
                    continue;
                }
                String previous = null;
                for (String raw : FailureFeatures.rawTokens(text)) {
                    String token;
                    if (raw.chars().allMatch(Character::isDigit)) {
                        token = raw.length() == 3 && raw.charAt(0) >= '1' && raw.charAt(0) <= '5' && previous != null
                                && java.util.Set.of("code", "status", "statuscode", "error", "http", "exit").contains(previous)
                                ? raw : "<num>";
                    } else {
                        token = raw.toLowerCase(java.util.Locale.ROOT);
                    }
                    names.add("w=" + token);
                    if (previous != null) {
                        names.add("b=" + previous + "_" + token);
                    }
                    previous = token;
                    boolean lower = raw.chars().anyMatch(c -> c >= 'a' && c <= 'z');
                    boolean laterUpper = raw.substring(1).chars().anyMatch(c -> c >= 'A' && c <= 'Z');
                    if (!raw.startsWith("<") && lower && laterUpper) {
                        Matcher parts = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+").matcher(raw);
                        while (parts.find()) {
                            String part = parts.group();
                            names.add("w=" + (part.chars().allMatch(Character::isDigit) ? "<num>"
                                    : part.toLowerCase(java.util.Locale.ROOT)));
                        }
                    }
                }
            }
        }
        return names;
    }

    @Test
    void theNamesWrittenAsCharactersAreTheNamesAStringPerNameGives() {
        var events = new ArrayList<FailureEvent>();
        LabelledErrors.realDev().forEach(e -> events.add(e.toFailureEvent()));
        dev.autoremediate.datasets.FailureTextGenerator.bundled().generate(3, 7).forEach(g -> events.add(g.event()));
        events.add(FailureEvents.heapOom("j"));
        events.add(FailureEvents.unrecognised("j"));
        // random text: camel case, capitals, digits after code words, placeholders, repeats
        String[] pieces = {"OutOfMemory", "HTTPServer", "ABCdef", "AbC", "aB", "A", "B1c", "x9Y", "IOError", "code ",
                "Status ", "HTTP ", "exit ", "ERROR ", "statuscode ", "503", "403", "137", "600", "5034", "12", " ",
                "\t", "_", "-", "<num>", "0x1F", "10.0.0.1", "/a/b", "é", "Ünïcode", "XMLHttpRequest2Go", "\n"};
        var random = new java.util.Random(5);
        for (int i = 0; i < 5_000; i++) {
            var b = new StringBuilder();
            int n = 1 + random.nextInt(16);
            for (int j = 0; j < n; j++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            events.add(event(random.nextBoolean() ? "Spark" : " ", random.nextInt(3) == 0 ? null : random.nextInt(300),
                    random.nextBoolean() ? null : "org.x." + text.strip(), text, random.nextBoolean() ? null : text + " " + text));
        }
        for (FailureEvent event : events) {
            String[] names = features.names(event);
            assertThat(names).as(event.failure().message()).doesNotHaveDuplicates();
            assertThat(java.util.Set.of(names)).as(event.failure().message()).isEqualTo(referenceNames(event));
        }
    }

    @Test
    void decimalsAreReplacedAsTheirPatternReplacesThem() {
        String[] pieces = {"1", "23", "456", ".", "..", "a", " ", "-", "9.", ".0", "x1.2", "<num>", "1.2.3"};
        var random = new java.util.Random(17);
        for (int i = 0; i < 20_000; i++) {
            var b = new StringBuilder();
            int n = random.nextInt(10);
            for (int j = 0; j < n; j++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            assertThat(FailureFeatures.replaceDecimals(text)).as(text)
                    .isEqualTo(FailureFeatures.DECIMAL.matcher(text).replaceAll(" <num> "));
        }
    }
}
