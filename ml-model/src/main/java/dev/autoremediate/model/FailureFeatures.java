package dev.autoremediate.model;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link FailureEvent} into named features for a Tribuo model. Deterministic and stateless: the same event
 * always gives the same features, in the same (sorted) order.
 *
 * <p>Features (value 1/√n for each of the n distinct features, so that long stack traces do not outweigh short
 * messages):
 * <ul>
 *   <li>{@code w=<token>}: tokens of the exception class, message and stack trace after {@link #normalise};
 *       camel-case words also give their parts ({@code OutOfMemoryError} → {@code outofmemoryerror}, {@code out},
 *       {@code of}, {@code memory}, {@code error});</li>
 *   <li>{@code b=<token>_<token>}: pairs of adjacent tokens;</li>
 *   <li>{@code exc=<simple class name>} of the failure's exception class, or {@code exc=none};</li>
 *   <li>{@code engine=<engine>} and {@code exit=<code>} (or {@code exit=none});</li>
 *   <li>job facts: {@code attempt=1|2|3+}; and when the event carries metrics, {@code fact=spill},
 *       {@code fact=heap-near-limit} (peak executor heap at least 90% of {@code spark.executor.memory}),
 *       {@code fact=rss-over-container} (peak executor RSS at least 95% of executor memory + overhead),
 *       {@code fact=large-result} (at least 1 GiB collected to the driver), or {@code fact=metrics} alone.</li>
 * </ul>
 * Text comes from the exception class, message, stack trace and log tail. Each text is read up to {@link #MAX_TEXT_CHARS} characters, so a hostile 50 MB stack
 * trace costs no more than a long one.
 */
public final class FailureFeatures {

    /**
     * Identifies this extraction. Stored in each model's provenance; a model trained with another version is refused
     * on load, because its weights would not match these features.
     */
    public static final String VERSION = "failure-features-v2";

    /** The most characters read of each of exception class, message and stack trace. */
    public static final int MAX_TEXT_CHARS = 16_000;

    static final String NUMBER = "<num>";
    static final String HEX = "<hex>";
    static final String ID = "<id>";
    static final String IP = "<ip>";
    static final String PATH = "<path>";

    private static final Pattern URL = Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^\\s'\"()\\[\\]]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_PATH = Pattern.compile("(?<![\\w.])(?:/[\\w.@%+=,-]+){2,}/?");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");
    private static final Pattern HEX_ID = Pattern.compile(
            "(?<![0-9a-z])0x[0-9a-f]+(?![0-9a-z])|(?<![0-9a-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8,}(?![0-9a-z])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)+");
    private static final Pattern TOKEN = Pattern.compile("<(?:num|hex|id|ip|path|host|user)>|[A-Za-z0-9]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final java.util.Set<String> CODE_WORDS =
            java.util.Set.of("code", "status", "statuscode", "error", "http", "exit");
    private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})\\s*([kmgt]i?b?|b)?");
    private static final Pattern CAMEL_PART = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+");

    /**
     * The features of {@code event}, name to value, sorted by name.
     */
    public SortedMap<String, Double> extract(FailureEvent event) {
        Objects.requireNonNull(event, "event");
        var names = new TreeMap<String, Double>();
        Failure failure = event.failure();
        String exceptionClass = failure == null ? null : failure.exceptionClass();
        String engine = event.job() == null || event.job().engine() == null || event.job().engine().isBlank()
                ? "none" : event.job().engine().strip().toLowerCase(Locale.ROOT);
        names.put("engine=" + engine, 1.0);
        names.put("exit=" + (failure == null || failure.exitCode() == null ? "none" : failure.exitCode()), 1.0);
        names.put("exc=" + simpleName(exceptionClass), 1.0);
        int attempt = event.job() == null ? 1 : event.job().attempt();
        names.put("attempt=" + (attempt <= 1 ? "1" : attempt == 2 ? "2" : "3+"), 1.0);
        addFacts(names, event);
        if (failure != null) {
            for (String text : new String[] {failure.exceptionClass(), failure.message(), failure.stackTrace(),
                    failure.logTail()}) {
                addText(names, text);
            }
        }
        double value = 1.0 / Math.sqrt(names.size());
        names.replaceAll((name, ignored) -> value);
        return Collections.unmodifiableSortedMap(names);
    }

    private static void addFacts(TreeMap<String, Double> names, FailureEvent event) {
        RunMetrics m = event.metrics();
        if (m == null) {
            return;
        }
        names.put("fact=metrics", 1.0);
        Map<String, String> config = event.job() == null ? Map.of() : event.job().config();
        long heap = bytes(config.get("spark.executor.memory"));
        long overhead = bytes(config.get("spark.executor.memoryOverhead"));
        if (m.spillBytes() != null && m.spillBytes() > 0) {
            names.put("fact=spill", 1.0);
        }
        if (heap > 0 && m.peakExecutorMemoryBytes() != null && m.peakExecutorMemoryBytes() >= 0.9 * heap) {
            names.put("fact=heap-near-limit", 1.0);
        }
        if (heap > 0 && m.peakExecutorRssBytes() != null
                && m.peakExecutorRssBytes() >= 0.95 * (heap + Math.max(overhead, Math.max(384L << 20, heap / 10)))) {
            names.put("fact=rss-over-container", 1.0);
        }
        if (m.resultBytes() != null && m.resultBytes() >= 1L << 30) {
            names.put("fact=large-result", 1.0);
        }
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

    private static void addText(TreeMap<String, Double> names, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String previous = null;
        for (String raw : rawTokens(text)) {
            String token = canonical(raw, previous);
            names.put("w=" + token, 1.0);
            if (previous != null) {
                names.put("b=" + previous + "_" + token, 1.0);
            }
            previous = token;
            for (String part : camelParts(raw)) {
                names.put("w=" + part, 1.0);
            }
        }
    }

    /**
     * Normalises error text: lower case, with URLs and file paths as {@code <path>}, UUIDs as {@code <id>}, IP
     * addresses as {@code <ip>}, hexadecimal ids as {@code <hex>} and numbers as {@code <num>}, tokens separated by
     * single spaces.
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder();
        String previous = null;
        for (String raw : rawTokens(text)) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            previous = canonical(raw, previous);
            out.append(previous);
        }
        return out.toString();
    }

    /** Tokens of the text as written (case kept), with ids and numbers already replaced by placeholders. */
    private static List<String> rawTokens(String text) {
        String s = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        s = replace(URL, s, PATH);
        s = replace(FILE_PATH, s, PATH);
        s = replace(UUID, s, ID);
        s = replace(IPV4, s, IP);
        s = replace(HEX_ID, s, HEX);
        s = replace(DECIMAL, s, NUMBER);
        var tokens = new ArrayList<String>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    private static String replace(Pattern pattern, String text, String placeholder) {
        return pattern.matcher(text).replaceAll(" " + placeholder + " ");
    }

    /**
     * The token as a feature: lower case; a number becomes {@code <num>}, except a status or exit code (three digits
     * from 100 to 599 right after {@code code}, {@code status}, {@code statuscode}, {@code error}, {@code http} or
     * {@code exit}), because 403 and 503 mean different failures.
     */
    private static String canonical(String raw, String previous) {
        if (DIGITS.matcher(raw).matches()) {
            if (raw.length() == 3 && raw.charAt(0) >= '1' && raw.charAt(0) <= '5' && previous != null
                    && CODE_WORDS.contains(previous)) {
                return raw;
            }
            return NUMBER;
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    /** The words of a camel-case token ({@code OutOfMemoryError} → out, of, memory, error); empty for plain words. */
    private static List<String> camelParts(String raw) {
        if (raw.startsWith("<") || raw.chars().noneMatch(Character::isUpperCase)
                || raw.equals(raw.toUpperCase(Locale.ROOT)) || raw.substring(1).chars().noneMatch(Character::isUpperCase)) {
            return List.of();
        }
        var parts = new ArrayList<String>();
        Matcher m = CAMEL_PART.matcher(raw);
        while (m.find()) {
            String part = m.group();
            parts.add(DIGITS.matcher(part).matches() ? NUMBER : part.toLowerCase(Locale.ROOT));
        }
        return parts;
    }

    private static String simpleName(String exceptionClass) {
        if (exceptionClass == null || exceptionClass.isBlank()) {
            return "none";
        }
        String name = exceptionClass.strip();
        int dot = name.lastIndexOf('.');
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
