package dev.autoremediate.ingest.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in error text and config values and replaces each with a marker that names its kind, e.g.
 * {@code [redacted aws-access-key-id]}. Ingest runs it on every failure event before the event is stored, published
 * or shown, and on the reasons and records it dead-letters.
 *
 * <p>What counts as a secret, each with realistic examples in {@code SecretRedactorTest}: AWS access key ids and
 * secret keys, Google API keys, Azure storage account keys and SAS signatures, bearer tokens and JWTs, GitHub and
 * Slack tokens, PEM private keys (also cut off, or with escaped newlines), passwords in JDBC and other URLs (user info
 * and {@code password=} parameters), and the value of any {@code key=value} / {@code key: value} /
 * {@code "key": "value"} whose key names a password, secret, token, credential or key. Normal error text, such as
 * "using password: YES" or "Unexpected token", is left alone. Idempotent: redacting redacted text changes nothing.
 * Thread-safe.
 */
public final class SecretRedactor {

    /** The start of every marker: {@code [redacted <kind>]}. */
    public static final String MARKER_PREFIX = "[redacted ";

    public static final SecretRedactor DEFAULT = new SecretRedactor();

    /** Words that make a key (of a config entry or a key=value pair) secret. */
    private static final String SECRET_WORD = "(password|passwd|passphrase|pwd|secret|token|api[_.-]?key"
            + "|access[_.-]?key|account[_.-]?key|private[_.-]?key|secret[_.-]?key|auth[_.-]?key|signing[_.-]?key"
            + "|session[_.-]?key|encryption[_.-]?key)";

    private static final Pattern SECRET_KEY = Pattern.compile("(?i)" + SECRET_WORD + "|credential");

    /** Lower-case literals one of which every secret key contains (a cheap test before the pattern). */
    private static final List<String> SECRET_KEY_TRIGGERS = List.of("pass", "pwd", "secret", "token", "credential",
            "key");

    /** Values that say something about a secret without being one. */
    private static final Pattern HARMLESS_VALUE = Pattern.compile(
            "(?i)(?:yes|no|true|false|null|none|nil|empty|unset|required|invalid|expired|missing|\\*+|x+|<[^>]*>"
                    + "|\\$\\{[^}]*}?|\\{\\{[^}]*}}|%[A-Za-z_]+%|\\[redacted[^\\]]*])");

    /**
     * @param triggers    lower-case literals one of which every match contains: the pattern runs only on text that has
     *                    one (a cheap scan first; most error text has no secret at all)
     */
    private record Rule(String kind, Pattern pattern, Function<MatchResult, String> replacement, String[] triggers,
            boolean keyTriggers) {

        Rule(String kind, Pattern pattern, Function<MatchResult, String> replacement, String... triggers) {
            this(kind, pattern, replacement, triggers, false);
        }

        Rule withTriggers(String... literals) {
            return new Rule(kind, pattern, replacement, literals.clone(), keyTriggers);
        }

        /** The trigger must end a key: be followed by an optional quote, up to 8 blanks and {@code =} or {@code :}. */
        Rule triggerEndsKey() {
            return new Rule(kind, pattern, replacement, triggers, true);
        }

        boolean mayMatch(String lowerCaseText) {
            for (String trigger : triggers) {
                for (int i = lowerCaseText.indexOf(trigger); i >= 0; i = lowerCaseText.indexOf(trigger, i + 1)) {
                    if (!keyTriggers || separatorAfter(lowerCaseText, i + trigger.length())) {
                        return true;
                    }
                }
            }
            return triggers.length == 0;
        }

        private static boolean separatorAfter(String text, int at) {
            int i = at;
            if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                i++;
            }
            for (int blanks = 0; blanks < 8 && i < text.length() && isBlank(text.charAt(i)); blanks++) {
                i++;
            }
            return i < text.length() && (text.charAt(i) == '=' || text.charAt(i) == ':');
        }

        private static boolean isBlank(char c) { // \s of java.util.regex
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }
    }

    /**
     * Every pattern starts with a literal or a bounded run, so that a 50 MB text costs linear time (no unbounded
     * greedy prefix that would rescan long runs of letters at every position).
     */
    private final List<Rule> rules = List.of(
            // PEM private keys: the whole block; a block cut off by truncation to its end; escaped newlines too
            whole("private-key", "-----BEGIN (?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?:.{0,16384}?-----END "
                    + "(?:[A-Z0-9]{1,16} ){0,3}PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\\s\\\\]{0,16384})", Pattern.DOTALL)
                    .withTriggers("private key"),
            whole("jwt", "\\beyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,8192}\\.[A-Za-z0-9_-]{8,1024}", 0)
                    .withTriggers("eyj"),
            group("bearer-token", "(?i)\\bbearer\\s{1,8}([A-Za-z0-9._~+/=-]{16,4096})", 1)
                    .withTriggers("bearer"),
            group("basic-auth", "(?i)\\bauthorization\"?\\s{0,8}[:=]\\s{0,8}\"?basic\\s{1,8}([A-Za-z0-9+/=]{8,1024})", 1)
                    .withTriggers("basic"),
            whole("aws-access-key-id", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\\b", 0)
                    .withTriggers("akia", "asia", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "abia", "acca"),
            group("aws-secret-access-key", "(?i)(?:secret_?access_?key|aws_?secret_?key|awsSecretAccessKey|s3a?n?\\.secret"
                    + "\\.key)[\"']?\\s{0,8}[:=]\\s{0,8}[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", 1)
                    .withTriggers("secret"),
            whole("gcp-api-key", "\\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", 0)
                    .withTriggers("aiza"),
            group("azure-account-key", "(?i)(?:\\bAccountKey\\s{0,8}=|\\bfs\\.azure\\.account\\.key\\.[A-Za-z0-9.-]{1,256}"
                    + "[\"']?\\s{0,8}[=:])\\s{0,8}[\"']?([A-Za-z0-9+/]{20,1024}={0,2})", 1)
                    .withTriggers("accountkey", "account.key"),
            group("azure-sas-signature", "(?i)[?&;]sig=([A-Za-z0-9%+/=]{16,1024})", 1)
                    .withTriggers("sig="),
            whole("github-token", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{40,255})\\b", 0)
                    .withTriggers("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            whole("slack-token", "\\bxox[abprs]-[A-Za-z0-9-]{10,255}", 0)
                    .withTriggers("xox"),
            // user:password@host in any URL (jdbc:mysql://u:p@h, postgresql://, s3a://KEY:SECRET@bucket, https://)
            group("url-password", "\\b[a-zA-Z][a-zA-Z0-9+.-]{0,30}://[^/\\s:@\"']{1,256}:([^@\\s/\"']{1,256})@", 1)
                    .withTriggers("://"),
            // Oracle thin: jdbc:oracle:thin:user/password@host
            group("jdbc-password", "(?i)\\bjdbc:oracle:[a-z]{1,16}:[^/\\s:@\"']{1,128}/([^@\\s\"']{1,256})@", 1)
                    .withTriggers("jdbc:oracle:"),
            // key=value, key: value, "key": "value" where the key ends with a word that names a secret (also JDBC
            // ?password=..., ;password=...)
            // (the pattern starts at the separator and looks back for the key: far fewer places to try than every letter)
            new Rule("secret-value", Pattern.compile("[=:](?<=(?i:" + SECRET_WORD + ")[\"']?\\s{0,8}[=:])\\s{0,8}"
                    + "(\"(?:[^\"\\\\\\n]|\\\\.){1,512}\"|'[^'\\n]{1,512}'|[^\\s\"',;&)\\]}]{1,512})"),
                    // every secret word ends with one of these, right before the separator
                    SecretRedactor::secretValue, "password", "passwd", "passphrase", "pwd", "secret", "token",
                    "key").triggerEndsKey());

    /** The result of redacting one text: the text and how many secrets of each kind were replaced. */
    public record Result(String text, Map<String, Integer> found) {

        public Result {
            found = found.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(found));
        }

        public boolean redacted() {
            return !found.isEmpty();
        }

        /** {@code "aws-access-key-id x1, jwt x2"}. */
        public String summary() {
            var parts = new ArrayList<String>();
            found.forEach((kind, n) -> parts.add(kind + " x" + n));
            return String.join(", ", parts);
        }
    }

    /**
     * No rule matches in fewer characters: the shortest secret is a {@code key=value} with the three-letter key word
     * {@code pwd} and a one-character value ({@code pwd=a}). Short config values ({@code 4g}, {@code 200}, {@code true})
     * are let through without a scan.
     */
    static final int MIN_SECRET_CHARS = 5;

    /** Redacts the secrets of a text (null stays null). */
    public Result redact(String text) {
        if (text == null || text.length() < MIN_SECRET_CHARS) {
            return new Result(text, Map.of());
        }
        Map<String, Integer> found = Map.of(); // most texts have no secret: no map made for them
        String lower = text.toLowerCase(Locale.ROOT);
        String out = text;
        for (Rule rule : rules) {
            if (!rule.mayMatch(lower)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(out);
            if (!m.find()) {
                continue;
            }
            var sb = new StringBuilder(out.length());
            int last = 0;
            do {
                String replaced = rule.replacement().apply(m);
                if (replaced != null) {
                    sb.append(out, last, m.start()).append(replaced);
                    last = m.end();
                    if (found.isEmpty()) {
                        found = new LinkedHashMap<>();
                    }
                    found.merge(rule.kind(), 1, Integer::sum);
                }
            } while (m.find());
            if (last > 0) {
                sb.append(out, last, out.length());
                out = sb.toString();
            }
        }
        return new Result(out, found);
    }

    /** Just the redacted text. */
    public String clean(String text) {
        return redact(text).text();
    }

    /**
     * Redacts a config value: the whole value when its key names a secret ({@code spark.ssl.keyPassword},
     * {@code fs.s3a.secret.key}, {@code javax.jdo.option.ConnectionPassword}), else the secrets inside it (a JDBC URL
     * with a password).
     */
    public Result redactConfigValue(String key, String value) {
        if (value == null || value.isEmpty()) {
            return new Result(value, Map.of());
        }
        if (isSecretKey(key) && !HARMLESS_VALUE.matcher(value.strip()).matches()) {
            return new Result(marker("config-secret"), Map.of("config-secret", 1));
        }
        return redact(value);
    }

    /** Whether a config or key=value key names a secret. */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (String trigger : SECRET_KEY_TRIGGERS) {
            if (lower.contains(trigger)) {
                return SECRET_KEY.matcher(key).find();
            }
        }
        return false;
    }

    static String marker(String kind) {
        return MARKER_PREFIX + kind + "]";
    }

    private static Rule whole(String kind, String regex, int flags) {
        return new Rule(kind, Pattern.compile(regex, flags), m -> marker(kind));
    }

    /** Replaces only one group of the match (the secret), keeping the text around it (the key, the host). */
    private static Rule group(String kind, String regex, int secretGroup) {
        return new Rule(kind, Pattern.compile(regex), m -> {
            String secret = m.group(secretGroup);
            return harmless(unquote(secret)) ? null : replaceGroup(m, secretGroup, kind);
        });
    }

    /** The value of a key that names a secret; a token must look like one (not "Unexpected token: ')'"). */
    private static String secretValue(MatchResult m) {
        String bare = unquote(m.group(2));
        if (harmless(bare)) {
            return null;
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        if (word.equals("token") && (bare.length() < 8 || bare.contains("("))) {
            return null;
        }
        if (word.equals("pwd") && bare.startsWith("/")) {
            return null; // PWD=/home/etl in an environment dump is a directory
        }
        return replaceGroup(m, 2, "secret-value");
    }

    private static boolean harmless(String bare) {
        return bare.isBlank() || bare.startsWith(MARKER_PREFIX.strip()) || HARMLESS_VALUE.matcher(bare).matches();
    }

    private static String replaceGroup(MatchResult m, int secretGroup, String kind) {
        String secret = m.group(secretGroup);
        String bare = unquote(secret);
        String whole = m.group();
        int from = m.start(secretGroup) - m.start();
        int to = m.end(secretGroup) - m.start();
        String quote = secret.length() > bare.length() ? secret.substring(0, 1) : "";
        return whole.substring(0, from) + quote + marker(kind) + quote + whole.substring(to);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
