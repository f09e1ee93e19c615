package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.FailureEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.definition.rule.InternalRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled Drools rule pack that classifies failure events. Immutable and thread-safe: the Drools {@link KieBase}
 * is compiled once, when the pack is created, and every {@link #classify} call runs in its own short-lived session of
 * it, so any number of threads may classify at once. Creating a pack is the expensive part (about a second); keep the
 * instance, and build a new one to reload rules — a pack that does not compile or whose metadata is invalid throws
 * {@link RulePackException} and nothing else changes.
 *
 * <h2>Precedence</h2>
 * Every rule that fires is returned, ordered best first by:
 * <ol>
 *   <li>higher {@code @confidence} first;</li>
 *   <li>then the more specific rule first: the one whose {@code when} part checks more constraints (see
 *       {@link RuleSpecificity}: a constraint of a pattern counts one, an {@code or} counts as its weakest branch);</li>
 *   <li>then the rule id in ascending string order ({@code MEM-001} before {@code MEM-002}).</li>
 * </ol>
 * The order of files, of rules in a file and of firing never matters; neither does salience.
 *
 * <h2>Files</h2>
 * A pack is every {@code *.drl} file under a root. Paths are relative to the root with {@code /} separators; they name
 * files in {@link BuildProblem}s and {@link RuleInfo#file()}. Place each file in the folder that matches its
 * {@code package} (Drools warns otherwise). The bundled pack lives on the classpath under {@value #BUNDLED_ROOT}
 * with an index, {@value #BUNDLED_INDEX}, because a classpath folder cannot be listed inside a Spring Boot fat jar.
 */
public final class RulePack {

    /** Classpath folder of the bundled DRL files, which are in DRL package {@code dev.autoremediate.rules.pack}. */
    public static final String BUNDLED_ROOT = "dev/autoremediate/rules/pack/";
    /** Classpath resource listing the bundled DRL files, one name relative to {@link #BUNDLED_ROOT} a line. */
    public static final String BUNDLED_INDEX = BUNDLED_ROOT + "pack.index";

    private static final Logger log = LoggerFactory.getLogger(RulePack.class);
    private static final String RESOURCES = "src/main/resources/";
    /** Bounds the firings of one event, so a rule whose consequence re-triggers rules cannot loop forever. */
    private static final int MAX_FIRINGS = 10_000;
    /** Idle sessions kept per pack: about the number of threads that classify at once. */
    private static final int MAX_POOLED_SESSIONS = 32;

    private static final Comparator<CompiledRule> PRECEDENCE = Comparator
            .comparingDouble((CompiledRule r) -> r.info().confidence()).reversed()
            .thenComparing(Comparator.comparingInt(CompiledRule::specificity).reversed())
            .thenComparing(r -> r.info().ruleId());

    private final String version;
    private final KieBase kieBase;
    private final Map<String, CompiledRule> rulesByKey;
    private final List<RuleInfo> rules;
    private final List<RuleCase> testCases;
    /** The literals of the pack's {@code text contains} constraints, found in each event's text in one pass. */
    private final TextLiterals literals;
    /**
     * Idle sessions of this pack's KieBase. A session serves one classification at a time and comes back with no fact
     * in it, so consecutive events never see each other; creating a session per event cost about as much as
     * evaluating the rules.
     */
    private final BlockingQueue<PooledSession> sessions = new ArrayBlockingQueue<>(MAX_POOLED_SESSIONS);

    /** A reusable session and the listener that records which rules fired in it. */
    private record PooledSession(KieSession session, FiredRules fired) {
    }

    /** A rule of the pack with what precedence needs to know of it. */
    private record CompiledRule(RuleInfo info, int specificity) {
    }

    private RulePack(String version, KieBase kieBase, Map<String, CompiledRule> rulesByKey, List<RuleCase> testCases,
            TextLiterals literals) {
        this.version = version;
        this.literals = literals;
        this.testCases = List.copyOf(testCases);
        this.kieBase = kieBase;
        this.rulesByKey = Map.copyOf(rulesByKey);
        this.rules = rulesByKey.values().stream()
                .map(CompiledRule::info)
                .sorted(Comparator.comparing(RuleInfo::ruleId))
                .toList();
    }

    /**
     * The pack shipped in this jar: the files that {@value #BUNDLED_INDEX} lists. Compiles it on every call; keep
     * the instance.
     *
     * @throws IllegalStateException when the index or a file it lists is missing from the classpath
     * @throws RulePackException     when the bundled pack does not compile (a build fault)
     */
    public static RulePack bundled() {
        return bundled(true);
    }

    /** @param indexLiterals false to compile the DRL as written, without {@link TextLiterals} (for comparison) */
    static RulePack bundled(boolean indexLiterals) {
        ClassLoader loader = RulePack.class.getClassLoader();
        var sources = new ArrayList<DrlSource>();
        var caseFiles = new ArrayList<DrlSource>();
        for (String name : readIndex(loader)) {
            String path = BUNDLED_ROOT + name;
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(BUNDLED_INDEX + " lists " + name + ", but " + path
                            + " is not on the classpath");
                }
                sources.add(new DrlSource(path, decode(path, in.readAllBytes())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            String casesPath = path.substring(0, path.length() - ".drl".length()) + RuleCases.SUFFIX;
            try (InputStream in = loader.getResourceAsStream(casesPath)) {
                if (in != null) {
                    caseFiles.add(new DrlSource(casesPath, decode(casesPath, in.readAllBytes())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + casesPath, e);
            }
        }
        return compile(sources, caseFiles, indexLiterals);
    }

    /**
     * Every {@code *.drl} file under {@code dir}, recursively. A directory without DRL files is a pack with no rules:
     * it loads, and {@link #classify} finds no match.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory
     * @throws UncheckedIOException     when a file cannot be read
     * @throws RulePackException        when a file is not UTF-8, does not compile, or a rule's metadata is invalid
     */
    public static RulePack fromDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + dir);
        }
        var sources = new ArrayList<DrlSource>();
        var caseFiles = new ArrayList<DrlSource>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = file.getFileName().toString();
                boolean drl = name.endsWith(".drl");
                if (!drl && !name.endsWith(RuleCases.SUFFIX)) {
                    continue;
                }
                String path = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                (drl ? sources : caseFiles).add(new DrlSource(path, decode(path, Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule pack " + dir, e);
        }
        return compile(sources, caseFiles, true);
    }

    /** Content hash of the pack: sha-256 hex, first 12 characters, over the files' paths and contents. */
    public String version() {
        return version;
    }

    /**
     * The pack's test cases: every {@code *.cases.jsonl} file next to its DRL files (for the bundled pack, the
     * {@code <name>.cases.jsonl} of each indexed {@code <name>.drl}), in path and line order. Run them with
     * {@link RuleTests#run(RulePack)}. They do not count towards {@link #version()}.
     */
    public List<RuleCase> testCases() {
        return testCases;
    }

    /** Metadata of every rule of the pack, by rule id. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Every rule of the pack that matches the event, best first (see "Precedence" above). No match is an outcome
     * with no matches, not an error.
     */
    public RuleOutcome classify(FailureEvent event) {
        Objects.requireNonNull(event, "event");
        if (rulesByKey.isEmpty()) {
            return new RuleOutcome(version, List.of());
        }
        FailureFact fact = FailureFact.of(event, literals);
        // Drools looks up runtime services through the context class loader (and caches a failed lookup for good):
        // run with this module's loader, whatever thread the host calls from.
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(RulePack.class.getClassLoader());
        PooledSession pooled = sessions.poll();
        List<String> firedKeys;
        boolean reusable = false;
        try {
            if (pooled == null) {
                var fired = new FiredRules();
                KieSession session = kieBase.newKieSession();
                session.addEventListener(fired);
                pooled = new PooledSession(session, fired);
            }
            FactHandle handle = pooled.session().insert(fact);
            pooled.session().fireAllRules(MAX_FIRINGS);
            firedKeys = List.copyOf(pooled.fired().keys());
            // a session goes back to the pool only as clean as it came: one fact (ours), nothing else inserted
            reusable = pooled.session().getFactCount() == 1;
            if (reusable) {
                pooled.session().delete(handle);
                pooled.fired().clear();
            }
        } finally {
            if (pooled != null && !(reusable && sessions.offer(pooled))) {
                pooled.session().dispose(); // failed, polluted, or the pool is full
            }
            thread.setContextClassLoader(callers);
        }
        List<RuleMatch> matches = firedKeys.stream()
                .map(rulesByKey::get)
                .filter(Objects::nonNull)
                .sorted(PRECEDENCE)
                .map(r -> r.info().toMatch())
                .toList();
        return new RuleOutcome(version, matches);
    }

    @Override
    public String toString() {
        return "RulePack[version=" + version + ", rules=" + rules.size() + "]";
    }

    // --- loading ---

    static List<String> readIndex(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(BUNDLED_INDEX)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_INDEX + " is not on the classpath");
            }
            return parseIndex(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_INDEX, e);
        }
    }

    /** One file name a line; blank lines and lines starting with {@code #} are ignored. */
    static List<String> parseIndex(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String decode(String path, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RulePackException("rule pack rejected", List.of(new BuildProblem(path, 0, "not UTF-8 text")));
        }
    }

    static String versionOf(List<DrlSource> sortedSources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (DrlSource source : sortedSources) {
                sha.update(source.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(source.content().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Drools finds its services through the thread's context class loader, which on some threads of a Spring Boot fat
     * jar (the common fork-join pool, for one) cannot see the nested jars: compile with this module's loader as the
     * context loader, then restore the caller's. {@link #classify} does the same.
     */
    private static RulePack compile(List<DrlSource> unsorted, List<DrlSource> caseFiles, boolean indexLiterals) {
        var caseProblems = new ArrayList<BuildProblem>();
        var cases = new ArrayList<RuleCase>();
        caseFiles.stream().sorted(Comparator.comparing(DrlSource::path))
                .forEach(f -> cases.addAll(RuleCases.parse(f.path(), f.content(), caseProblems)));
        if (!caseProblems.isEmpty()) {
            throw new RulePackException("rule pack test cases do not parse", sorted(caseProblems));
        }
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(RulePack.class.getClassLoader());
        try {
            return compileWithContextLoader(unsorted, cases, indexLiterals);
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    private static RulePack compileWithContextLoader(List<DrlSource> unsorted, List<RuleCase> cases,
            boolean indexLiterals) {
        long started = System.nanoTime();
        List<DrlSource> sources = unsorted.stream().sorted(Comparator.comparing(DrlSource::path)).toList();
        String version = versionOf(sources);
        Map<String, DrlSource> byPath = new HashMap<>();
        sources.forEach(s -> byPath.put(s.path(), s));

        ClassLoader loader = RulePack.class.getClassLoader();
        KieServices ks = KieServices.Factory.get();
        // A release id of its own per build: KieServices keeps modules in one JVM-wide repository keyed by release id,
        // so packs built at the same time must not share the default one.
        ReleaseId releaseId = ks.newReleaseId("dev.autoremediate.rules", "pack-" + version,
                "1.0.0-" + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        // every literal of the pack gets one number, the same in every file
        var literals = new LinkedHashMap<String, Integer>();
        for (DrlSource source : sources) {
            String drl = source.content();
            if (indexLiterals) {
                drl = TextLiterals.rewrite(drl, literals).drl();
            }
            kfs.write(RESOURCES + source.path(), drl);
        }
        KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll();
        var problems = new ArrayList<BuildProblem>();
        for (Message message : builder.getResults().getMessages()) {
            String file = relative(message.getPath());
            if (message.getLevel() == Message.Level.ERROR) {
                problems.add(new BuildProblem(file, message.getLine(), message.getText().strip()));
            } else if (message.getLevel() == Message.Level.WARNING) {
                log.warn("rule pack {}: {}:{}: {}", version, file, message.getLine(), message.getText().strip());
            }
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RulePackException("rule pack " + version + " does not compile", sorted(problems));
        }
        KieBase kieBase;
        try {
            KieContainer container = ks.newKieContainer(releaseId, loader);
            kieBase = container.getKieBase();
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }

        var rules = new LinkedHashMap<String, CompiledRule>();
        var fileOfId = new HashMap<String, String>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                String file = rule instanceof InternalRule internal && internal.getResource() != null
                        ? relative(internal.getResource().getSourcePath()) : "?";
                DrlSource source = byPath.get(file);
                int line = source == null ? 0 : source.lineOfRule(rule.getName());
                RuleMetadata.Read read = RuleMetadata.read(rule.getName(), rule.getMetaData(), file);
                for (String problem : read.problems()) {
                    problems.add(new BuildProblem(file, line, "rule \"" + rule.getName() + "\": " + problem));
                }
                if (read.info() == null) {
                    continue;
                }
                String earlier = fileOfId.putIfAbsent(read.info().ruleId(), file);
                if (earlier != null) {
                    problems.add(new BuildProblem(file, line, "rule \"" + rule.getName() + "\": duplicate rule id "
                            + read.info().ruleId() + " (also in " + earlier + ")"));
                    continue;
                }
                rules.put(FiredRules.key(rule), new CompiledRule(read.info(), RuleSpecificity.of(rule)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RulePackException("rule pack " + version + " has invalid rule metadata", sorted(problems));
        }
        log.info("rule pack {} compiled: {} rules from {} files in {} ms", version, rules.size(), sources.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new RulePack(version, kieBase, rules, cases, new TextLiterals(literals.keySet()));
    }

    /** By file, then by line; within a file, problems without a line (0) come after the others. */
    private static List<BuildProblem> sorted(List<BuildProblem> problems) {
        return problems.stream()
                .sorted(Comparator.comparing(BuildProblem::file)
                        .thenComparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()))
                .toList();
    }

    private static String relative(String path) {
        if (path == null) {
            return "?";
        }
        String p = path.replace('\\', '/');
        int at = p.indexOf(RESOURCES);
        return at >= 0 ? p.substring(at + RESOURCES.length()) : p;
    }
}
