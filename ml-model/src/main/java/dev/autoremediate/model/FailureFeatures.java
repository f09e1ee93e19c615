package dev.autoremediate.model;

import dev.autoremediate.ingest.contract.ByteUnit;
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
    static final Pattern DECIMAL = Pattern.compile("\\d+(?:\\.\\d+)+");
    private static final java.util.Set<String> CODE_WORDS =
            java.util.Set.of("code", "status", "statuscode", "error", "http", "exit");

    /**
     * The features of {@code event}, name to value, sorted by name.
     */
    public SortedMap<String, Double> extract(FailureEvent event) {
        String[] distinct = names(event);
        double value = value(distinct.length);
        var names = new TreeMap<String, Double>();
        for (String name : distinct) {
            names.put(name, value);
        }
        return Collections.unmodifiableSortedMap(names);
    }

    /** The value of each of {@code n} distinct features: 1/√n. */
    static double value(int n) {
        return 1.0 / Math.sqrt(n);
    }

    /**
     * The names of the features of {@code event}, distinct, in no particular order (each has the value {@link #value};
     * a Tribuo example sorts them itself).
     */
    String[] names(FailureEvent event) {
        return collect(event).toStrings();
    }

    /** Scratch space of each thread that extracts features (see {@link FeatureNames}). */
    private static final ThreadLocal<FeatureNames> SCRATCH = ThreadLocal.withInitial(FeatureNames::new);

    /**
     * The names of the features of {@code event}, distinct, as characters: the calling thread's {@link FeatureNames},
     * valid until its next call of this method or of {@link #names}.
     */
    FeatureNames collect(FailureEvent event) {
        Objects.requireNonNull(event, "event");
        FeatureNames names = SCRATCH.get();
        names.clear();
        Failure failure = event.failure();
        String exceptionClass = failure == null ? null : failure.exceptionClass();
        String engine = event.job() == null || event.job().engine() == null || event.job().engine().isBlank()
                ? "none" : event.job().engine().strip().toLowerCase(Locale.ROOT);
        names.add("engine=", engine);
        names.add("exit=", failure == null || failure.exitCode() == null ? "none" : failure.exitCode().toString());
        names.add("exc=", simpleName(exceptionClass));
        int attempt = event.job() == null ? 1 : event.job().attempt();
        names.add("attempt=", attempt <= 1 ? "1" : attempt == 2 ? "2" : "3+");
        addFacts(names, event);
        if (failure != null) {
            addText(names, failure.exceptionClass());
            addText(names, failure.message());
            addText(names, failure.stackTrace());
            addText(names, failure.logTail());
        }
        return names;
    }

    private static void addFacts(FeatureNames names, FailureEvent event) {
        RunMetrics m = event.metrics();
        if (m == null) {
            return;
        }
        names.add("fact=", "metrics");
        Map<String, String> config = event.job() == null ? Map.of() : event.job().config();
        long heap = bytes(config.get("spark.executor.memory"));
        long overhead = bytes(config.get("spark.executor.memoryOverhead"));
        if (m.spillBytes() != null && m.spillBytes() > 0) {
            names.add("fact=", "spill");
        }
        if (heap > 0 && m.peakExecutorMemoryBytes() != null && m.peakExecutorMemoryBytes() >= 0.9 * heap) {
            names.add("fact=", "heap-near-limit");
        }
        if (heap > 0 && m.peakExecutorRssBytes() != null
                && m.peakExecutorRssBytes() >= 0.95 * (heap + Math.max(overhead, Math.max(384L << 20, heap / 10)))) {
            names.add("fact=", "rss-over-container");
        }
        if (m.resultBytes() != null && m.resultBytes() >= 1L << 30) {
            names.add("fact=", "large-result");
        }
    }

    /**
     * Bytes of a Spark memory setting held in MiB ({@code 8g}, {@code 512m}, {@code 4096} = MiB), as
     * {@link ByteUnit#MIB} reads it; 0 when absent, unreadable or beyond a {@code long} of bytes.
     */
    public static long bytes(String setting) {
        long mebibytes = ByteUnit.MIB.tryParse(setting).orElse(0);
        return mebibytes > Long.MAX_VALUE >> 20 ? 0 : mebibytes << 20;
    }

    /**
     * The features of one text: {@code w=<token>} for each token and each camel-case part of it, {@code b=<a>_<b>} for
     * each pair of adjacent tokens, written as characters straight from the text as the names a {@code String} per token would give: a token in lower case, or {@code <num>}
     * for a number other than a status or exit code (see {@link #canonical}), and the camel-case parts of a token.
     */
    private static void addText(FeatureNames names, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String s = tokenise(text, names);
        int[] bounds = names.bounds;
        int tokens = bounds[0];
        // the previous token as a feature: s[prevFrom, prevTo) in lower case, or <num> when prevNumber
        int prevFrom = -1;
        int prevTo = -1;
        boolean prevNumber = false;
        for (int t = 0; t < tokens; t++) {
            int from = bounds[1 + 2 * t];
            int to = bounds[2 + 2 * t];
            boolean number = allDigits(s, from, to) && !(to - from == 3 && s.charAt(from) >= '1' && s.charAt(from) <= '5'
                    && prevFrom >= 0 && !prevNumber && isCodeWord(s, prevFrom, prevTo));
            names.put('w');
            names.put('=');
            putToken(names, s, from, to, number);
            names.end();
            if (prevFrom >= 0) {
                names.put('b');
                names.put('=');
                putToken(names, s, prevFrom, prevTo, prevNumber);
                names.put('_');
                putToken(names, s, from, to, number);
                names.end();
            }
            prevFrom = from;
            prevTo = to;
            prevNumber = number;
            if (s.charAt(from) != '<' && hasLowerAndLaterUpper(s, from, to)) {
                addCamelParts(names, s, from, to);
            }
        }
    }

    private static void putToken(FeatureNames names, String s, int from, int to, boolean number) {
        if (number) {
            names.put(NUMBER);
        } else {
            names.putLower(s, from, to);
        }
    }

    /** Whether {@code s[from, to)} in lower case is one of {@link #CODE_WORDS}. */
    private static boolean isCodeWord(String s, int from, int to) {
        int n = to - from;
        if (n < 4 || n > 10) {
            return false;
        }
        for (String word : CODE_WORDS) {
            if (word.length() == n && s.regionMatches(true, from, word, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code w=<part>} for each camel-case part of the token {@code s[from, to)}, cut as the pattern
     * {@code [A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+} cuts them (FailureFeaturesTest compares the two): a run of capitals not followed by a lower-case letter, a capital (or none) and the lower-case letters after
     * it, or a run of digits ({@code <num>}).
     */
    private static void addCamelParts(FeatureNames names, String s, int from, int to) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            int end;
            boolean digits = false;
            if (isUpper(c)) {
                int run = i;
                while (run < to && isUpper(s.charAt(run))) {
                    run++;
                }
                if (run < to && isLower(s.charAt(run))) {
                    if (run - i >= 2) {
                        end = run - 1; // the capitals before the last one; it starts the next word
                    } else {
                        end = run;
                        while (end < to && isLower(s.charAt(end))) {
                            end++;
                        }
                    }
                } else {
                    end = run;
                }
            } else if (isLower(c)) {
                end = i;
                while (end < to && isLower(s.charAt(end))) {
                    end++;
                }
            } else if (isDigit(c)) {
                end = i;
                while (end < to && isDigit(s.charAt(end))) {
                    end++;
                }
                digits = true;
            } else {
                i++;
                continue;
            }
            names.put('w');
            names.put('=');
            putToken(names, s, i, end, digits);
            names.end();
            i = end;
        }
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
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

    /**
     * Tokens of the text as written (case kept), with ids and numbers already replaced by placeholders. Each pattern
     * runs only where a cheap scan finds what every match of it must contain (the placeholders put in contain none of
     * it), and the tokens are cut by hand as {@code <(?:num|hex|id|ip|path|host|user)>|[A-Za-z0-9]+} would cut them:
     * the same tokens as running every pattern, at a fraction of the cost (FailureFeaturesTest compares the two).
     */
    static List<String> rawTokens(String text) {
        var scratch = new FeatureNames();
        String s = tokenise(text, scratch);
        var tokens = new ArrayList<String>(scratch.bounds[0]);
        for (int t = 0; t < scratch.bounds[0]; t++) {
            tokens.add(s.substring(scratch.bounds[1 + 2 * t], scratch.bounds[2 + 2 * t]));
        }
        return tokens;
    }

    /**
     * The text with ids and numbers replaced by placeholders (see {@link #rawTokens}), and in {@code scratch.bounds}
     * its tokens: the count first, then the start and end of each token in that text.
     */
    private static String tokenise(String text, FeatureNames scratch) {
        String s = text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
        if (s.contains("://")) {
            s = replace(URL, s, PATH);
        }
        int slash = s.indexOf('/');
        if (slash >= 0 && s.indexOf('/', slash + 1) > 0) {
            s = replace(FILE_PATH, s, PATH);
        }
        if (mayHoldUuid(s)) {
            s = replace(UUID, s, ID);
        }
        if (mayHoldIpv4(s)) {
            s = replace(IPV4, s, IP);
        }
        if (mayHoldHex(s)) {
            s = replace(HEX_ID, s, HEX);
        }
        if (hasDigitDotDigit(s)) {
            s = replaceDecimals(s);
        }
        int[] bounds = scratch.bounds;
        int k = 1;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (isAlnum(c)) {
                while (i < n && isAlnum(s.charAt(i))) {
                    i++;
                }
            } else {
                int end = c == '<' ? placeholderEnd(s, i) : -1;
                if (end < 0) {
                    i++;
                    continue;
                }
                i = end;
            }
            if (k + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                scratch.bounds = bounds;
            }
            bounds[k++] = start;
            bounds[k++] = i;
        }
        bounds[0] = (k - 1) / 2;
        return s;
    }

    private static final String[] PLACEHOLDERS = {"<num>", "<hex>", "<id>", "<ip>", "<path>", "<host>", "<user>"};

    /** The end of the placeholder starting at {@code at}, or -1 when none starts there. */
    private static int placeholderEnd(String s, int at) {
        for (String p : PLACEHOLDERS) {
            if (s.startsWith(p, at)) {
                return at + p.length();
            }
        }
        return -1;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether a digit, a dot and a digit follow each other (what an IP address and a decimal number need). */
    private static boolean hasDigitDotDigit(String s) {
        for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
            if (i > 0 && i + 1 < s.length() && isDigit(s.charAt(i - 1)) && isDigit(s.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether three dots follow each other with digits on both sides of each and only digits between them (what an
     * IPv4 address needs).
     */
    private static boolean mayHoldIpv4(String s) {
        int n = s.length();
        for (int i = s.indexOf('.'); i >= 0; i = s.indexOf('.', i + 1)) {
            int dots = 0;
            int at = i;
            while (at > 0 && at + 1 < n && s.charAt(at) == '.' && isDigit(s.charAt(at - 1)) && isDigit(s.charAt(at + 1))) {
                if (++dots == 3) {
                    return true;
                }
                at++;
                while (at < n && isDigit(s.charAt(at))) {
                    at++;
                }
            }
        }
        return false;
    }

    /**
     * {@code DECIMAL.matcher(s).replaceAll(" <num> ")} by hand: a match of {@code \d+(?:\.\d+)+} starts at a run of
     * digits that no digit precedes and is followed by a dot and a digit, and takes every further dot and run of digits
     * (FailureFeaturesTest compares the two).
     */
    static String replaceDecimals(String s) {
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                while (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
                    i += 2;
                    while (i < n && isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(s, copied, start).append(' ').append(NUMBER).append(' ');
                copied = i;
            }
        }
        if (out == null) {
            return s;
        }
        return out.append(s, copied, n).toString();
    }

    /**
     * Whether {@code 0x} occurs, or a run of at least 8 hexadecimal digits with a letter and a digit among them (what
     * a hexadecimal id needs).
     */
    private static boolean mayHoldHex(String s) {
        int run = 0;
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean isDigit = isDigit(c);
            if (isDigit || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
                run++;
                digit |= isDigit;
                letter |= !isDigit;
                if (run >= 8 && letter && digit) {
                    return true;
                }
            } else {
                if ((c == 'x' || c == 'X') && run > 0 && s.charAt(i - 1) == '0') {
                    return true;
                }
                run = 0;
                letter = false;
                digit = false;
            }
        }
        return false;
    }

    /** Whether a dash is followed by 4 hexadecimal digits and another dash (what a UUID needs). */
    private static boolean mayHoldUuid(String s) {
        for (int i = s.indexOf('-'); i >= 0 && i + 5 < s.length(); i = s.indexOf('-', i + 1)) {
            if (s.charAt(i + 5) == '-' && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))
                    && isHex(s.charAt(i + 4))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
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
        if (allDigits(raw)) {
            if (raw.length() == 3 && raw.charAt(0) >= '1' && raw.charAt(0) <= '5' && previous != null
                    && CODE_WORDS.contains(previous)) {
                return raw;
            }
            return NUMBER;
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    /** Whether {@code s[from, to)} has a lower-case letter and, after its first character, an upper-case one. */
    private static boolean hasLowerAndLaterUpper(String s, int from, int to) {
        boolean lower = false;
        boolean upper = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= i > from && c >= 'A' && c <= 'Z';
        }
        return lower && upper;
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
