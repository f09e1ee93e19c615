package dev.autoremediate.datasets;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates realistic, labelled failure events from the hand-written templates of
 * {@code corpora/failure-templates.txt} (format and slots: {@code corpora/README.md}). Deterministic: the same seed
 * and counts give the same events, in the same order.
 *
 * <p>Each template is one kind of failure on one or more engines; its variants are paraphrases of that failure
 * (other alternatives, values, hosts, stack frames, log prefixes and noise lines) and share one job id,
 * {@code gen.<category>.<template number>}, so that a split by job id never puts paraphrases of one failure on both
 * sides. Each variant's text is placed either all in the message or split into message, stack trace and log tail,
 * as schedulers differ in what they send.
 */
public final class FailureTextGenerator {

    /** The bundled templates. */
    public static final String TEMPLATES = "corpora/failure-templates.txt";

    /** The seed of the bundled training corpus. */
    public static final long DEFAULT_SEED = 20261123L;

    private static final Instant BASE_TIME = Instant.parse("2026-11-01T00:00:00Z");
    private static final Pattern HEADER = Pattern.compile(
            "@\\s+([A-Z_]+)\\s+([a-z,]+)((?:\\s+(?:exit|exc)=\\S+)*)\\s*");
    private static final Pattern OPTION = Pattern.compile("(exit|exc)=(\\S+)");
    private static final Pattern SLOT = Pattern.compile("\\{\\$(\\w+)(?::([^}|]*))?}");
    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Failure|Throwable))\\b");

    /**
     * One template.
     *
     * @param id       {@code gen.<category>.<number>}: the job id of all its variants
     * @param category its label
     * @param engines  engines it occurs on (one is picked per variant)
     * @param exits    exit codes to pick from ({@code null} entries: none reported)
     * @param exceptionClass the top-level exception class, or null to take the first one the text names
     * @param body     the template text
     * @param line     its line in the templates file
     */
    public record Template(String id, FailureCategory category, List<String> engines, List<Integer> exits,
                           String exceptionClass, String body, int line) {
    }

    /**
     * One generated failure.
     *
     * @param jobId    the template's id (the group of paraphrases)
     * @param category the label
     * @param event    the failure event
     */
    public record GeneratedFailure(String jobId, FailureCategory category, FailureEvent event) {
    }

    private final List<Template> templates;

    public FailureTextGenerator(List<Template> templates) {
        this.templates = List.copyOf(templates);
    }

    /** A generator of the bundled templates. */
    public static FailureTextGenerator bundled() {
        try (InputStream in = FailureTextGenerator.class.getClassLoader().getResourceAsStream(TEMPLATES)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATES + " is missing from the classpath");
            }
            return new FailureTextGenerator(parse(in, TEMPLATES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Template> templates() {
        return templates;
    }

    /** {@code variants} paraphrases of every template, grouped by template, from {@code seed}. */
    public List<GeneratedFailure> generate(int variants, long seed) {
        if (variants < 1) {
            throw new IllegalArgumentException("variants must be at least 1");
        }
        var out = new ArrayList<GeneratedFailure>(templates.size() * variants);
        for (Template template : templates) {
            for (int v = 0; v < variants; v++) {
                var random = new SplittableRandom(seed * 1_000_003L + template.id().hashCode() * 31L + v);
                out.add(generate(template, v, random));
            }
        }
        return out;
    }

    private GeneratedFailure generate(Template template, int variant, SplittableRandom random) {
        String text = new TemplateExpander(random).expand(template.body()).strip();
        String engine = engineName(template.engines().get(random.nextInt(template.engines().size())));
        Integer exit = template.exits().isEmpty() ? null : template.exits().get(random.nextInt(template.exits().size()));
        String exception = template.exceptionClass();
        if (exception == null) {
            Matcher m = EXCEPTION_CLASS.matcher(text);
            exception = m.find() ? m.group(1) : null;
        }
        if (random.nextInt(5) == 0) {
            exception = null; // some schedulers do not send it
        }
        String message = text;
        String stack = null;
        String logTail = null;
        if (random.nextBoolean()) {
            var msg = new StringBuilder();
            var st = new StringBuilder();
            var log = new StringBuilder();
            for (String line : text.split("\n")) {
                String s = line.strip();
                StringBuilder target = s.startsWith("at ") || s.startsWith("... ") || s.startsWith("Caused by")
                        || s.startsWith("File \"") ? st
                        : looksLikeLogLine(s) && !msg.isEmpty() ? log : msg;
                if (target == msg && !st.isEmpty()) {
                    target = st;
                }
                target.append(line).append('\n');
            }
            message = msg.isEmpty() ? text : msg.toString().strip();
            stack = st.isEmpty() ? null : st.toString().stripTrailing();
            logTail = log.isEmpty() ? null : log.toString().stripTrailing();
        }
        String runId = template.id() + "/2026-11-" + String.format(Locale.ROOT, "%02d", 1 + variant % 28) + "#" + variant;
        var job = new Job(template.id(), runId, 1 + random.nextInt(3), engine, null, "team-gen", "generator",
                random.nextInt(4), configOf(engine, random));
        var failure = new Failure(exit, exception, message, stack, logTail);
        var event = new FailureEvent(FailureEvent.SCHEMA_VERSION, template.id() + "#" + variant,
                BASE_TIME.plusSeconds(3600L * variant), job, failure, metricsOf(template.category(), random));
        return new GeneratedFailure(template.id(), template.category(), event);
    }

    /** Platforms named in templates run one of the contract's engines: Spark on Kubernetes, YARN, Databricks… */
    private static String engineName(String name) {
        return switch (name) {
            case "pyspark", "kubernetes", "databricks", "yarn", "hdfs" -> "spark";
            default -> name;
        };
    }

    private static boolean looksLikeLogLine(String line) {
        return line.matches("^(\\d{2}/\\d{2}/\\d{2}|\\d{4}-\\d{2}-\\d{2}|\\[\\d{4}-).*")
                || line.startsWith("INFO ") || line.startsWith("WARN ") || line.startsWith("ERROR ");
    }

    private static Map<String, String> configOf(String engine, SplittableRandom random) {
        var config = new TreeMap<String, String>();
        int mem = 2 << random.nextInt(5);
        switch (engine) {
            case "flink" -> {
                config.put("taskmanager.memory.process.size", mem + "g");
                config.put("jobmanager.memory.process.size", "2g");
            }
            case "mapreduce", "hadoop" -> {
                config.put("mapreduce.map.memory.mb", String.valueOf(mem * 512));
                config.put("mapreduce.reduce.memory.mb", String.valueOf(mem * 1024));
            }
            case "hive" -> config.put("hive.tez.container.size", String.valueOf(mem * 1024));
            case "trino" -> config.put("query.max-memory-per-node", mem + "GB");
            default -> {
                config.put("spark.executor.memory", mem + "g");
                config.put("spark.executor.memoryOverhead", Math.max(1, mem / 8) + "g");
                config.put("spark.executor.cores", String.valueOf(1 + random.nextInt(8)));
                config.put("spark.driver.memory", (2 << random.nextInt(3)) + "g");
                config.put("spark.sql.shuffle.partitions", String.valueOf(100 * (1 + random.nextInt(20))));
            }
        }
        return config;
    }

    /** Metrics of about half the variants; memory categories tend to run close to their limits. */
    private static RunMetrics metricsOf(FailureCategory category, SplittableRandom random) {
        if (random.nextBoolean()) {
            return null;
        }
        long gib = 1L << 30;
        long input = (1 + random.nextInt(500)) * gib;
        boolean memory = category.name().startsWith("MEMORY");
        long spill = memory && random.nextBoolean() ? (1 + random.nextInt(50)) * gib : random.nextInt(3) == 0 ? gib : 0;
        return new RunMetrics(input, input / 2, input / 2, spill, (1 + random.nextInt(16)) * gib,
                (2 + random.nextInt(20)) * gib, (1 + random.nextInt(8)) * gib, (long) random.nextInt(1000) << 20,
                60L + random.nextInt(7200), 1 + random.nextInt(200), 1 + random.nextInt(20000));
    }

    /**
     * Reads templates: a header line {@code @ CATEGORY engine[,engine…] [exit=N[,N…]|none] [exc=fully.qualified.Class]}
     * then the body up to the next header; {@code #} starts a comment line outside bodies... and inside them, when it is
     * the first character. Blank lines at the ends of a body are dropped.
     */
    public static List<Template> parse(InputStream in, String name) throws IOException {
        var out = new ArrayList<Template>();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        Matcher header = null;
        int headerLine = 0;
        var body = new StringBuilder();
        var counts = new TreeMap<FailureCategory, Integer>();
        while (true) {
            line = reader.readLine();
            lineNo++;
            boolean end = line == null;
            if (end || line.startsWith("@")) {
                if (header != null) {
                    out.add(template(header, body.toString().strip(), headerLine, name, counts));
                }
                if (end) {
                    break;
                }
                header = HEADER.matcher(line);
                if (!header.matches()) {
                    throw new IllegalArgumentException(name + " line " + lineNo + ": bad header '" + line + "'");
                }
                headerLine = lineNo;
                body.setLength(0);
            } else if (!line.startsWith("#")) {
                if (header == null && !line.isBlank()) {
                    throw new IllegalArgumentException(name + " line " + lineNo + ": text before the first header");
                }
                body.append(line).append('\n');
            }
        }
        return out;
    }

    private static Template template(Matcher header, String body, int line, String name,
                                     Map<FailureCategory, Integer> counts) {
        FailureCategory category;
        try {
            category = FailureCategory.valueOf(header.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " line " + line + ": unknown category " + header.group(1), e);
        }
        if (body.isBlank()) {
            throw new IllegalArgumentException(name + " line " + line + ": empty template");
        }
        List<String> engines = List.of(header.group(2).split(","));
        var exits = new ArrayList<Integer>();
        String exception = null;
        Matcher option = OPTION.matcher(Objects.requireNonNullElse(header.group(3), ""));
        while (option.find()) {
            if (option.group(1).equals("exc")) {
                exception = option.group(2);
            } else {
                for (String code : option.group(2).split(",")) {
                    exits.add(code.equals("none") ? null : Integer.valueOf(code));
                }
            }
        }
        int n = counts.merge(category, 1, Integer::sum);
        String id = "gen." + category.name().toLowerCase(Locale.ROOT) + "." + String.format(Locale.ROOT, "%03d", n);
        try {
            Matcher slot = SLOT.matcher(body);
            while (slot.find()) {
                Slots.value(slot.group(1), slot.group(2), new SplittableRandom(1));
            }
            new TemplateExpander(new SplittableRandom(1)).expand(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " line " + line + ": " + e.getMessage(), e);
        }
        return new Template(id, category, engines, exits, exception, body, line);
    }
}
