package dev.autoremediate.remediator.rulepack;

import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.rules.RulePackException;
import dev.autoremediate.rules.RuleTestReport;
import dev.autoremediate.rules.RuleTests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a rule pack directory and swaps a good new pack into the {@link FailureClassifier}; the previous pack keeps
 * serving until then.
 *
 * <p>Polls: every {@code pollInterval} it hashes the paths and contents of the {@code *.drl} and
 * {@code *.cases.jsonl} files (polling sees editors' atomic renames, copies and {@code git checkout} alike, where a
 * file-system watch service can miss events). A change is acted on once the files have stayed the same for
 * {@code debounce} (a half-copied pack is not compiled). The candidate is compiled on the watcher's own thread; a
 * compile error is logged as {@code file:line: message} and kept in {@link #status()}; a candidate that compiles is
 * run against its test cases ({@link RuleTests}) and rejected the same way if any fails (unless
 * {@code requirePassingCases} is off). Only a candidate that passes is swapped in, atomically: a classification
 * already running finishes with the old pack, every later one names the new version.
 */
public final class RulePackWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulePackWatcher.class);
    private static final int MAX_PROBLEMS_SHOWN = 50;

    private final Path dir;
    private final FailureClassifier classifier;
    private final Duration pollInterval;
    private final Duration debounce;
    private final boolean requirePassingCases;
    private final Clock clock;
    private ScheduledExecutorService executor;

    // touched only by the polling thread (or by a test calling poll())
    private String appliedFingerprint;
    private String pendingFingerprint;
    private Instant pendingSince;

    private volatile RulePackStatus status;

    /**
     * @param dir                 the directory the serving pack was loaded from; null: the bundled pack, nothing to watch
     * @param classifier          holds the serving pack
     * @param pollInterval        how often to look at the files
     * @param debounce            how long the files must stay unchanged before a candidate is compiled
     * @param requirePassingCases reject a candidate whose test cases fail
     */
    public RulePackWatcher(Path dir, FailureClassifier classifier, Duration pollInterval, Duration debounce,
            boolean requirePassingCases, Clock clock) {
        this.dir = dir;
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.debounce = Objects.requireNonNull(debounce, "debounce");
        this.requirePassingCases = requirePassingCases;
        this.clock = Objects.requireNonNull(clock, "clock");
        RulePack serving = classifier.pack();
        this.status = new RulePackStatus(serving.version(), serving.rules().size(), dir, clock.instant(), null,
                List.of(), null, null);
        if (dir != null) {
            appliedFingerprint = fingerprint(dir);
        }
    }

    /** Starts polling on a thread of its own; does nothing for the bundled pack. */
    public synchronized void start() {
        if (dir == null || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rule-pack-watcher");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(50, pollInterval.toMillis());
        executor.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Watching rule pack directory {} (every {} ms, debounce {} ms)", dir.toAbsolutePath(), millis,
                debounce.toMillis());
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    public RulePackStatus status() {
        return status;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.error("Rule pack watcher: unexpected failure; the serving pack {} is unchanged", status.servingVersion(), e);
        }
    }

    /** One look at the directory: acts on a change that has been stable for the debounce time. */
    void poll() {
        String now;
        try {
            now = fingerprint(dir);
        } catch (UncheckedIOException e) {
            log.warn("Rule pack directory {} cannot be read: {}", dir, e.getMessage());
            return;
        }
        if (now.equals(appliedFingerprint)) {
            pendingFingerprint = null;
            return;
        }
        Instant at = clock.instant();
        if (!now.equals(pendingFingerprint)) {
            pendingFingerprint = now;
            pendingSince = at;
            if (!debounce.isZero()) {
                return;
            }
        }
        if (Duration.between(pendingSince, at).compareTo(debounce) < 0) {
            return;
        }
        appliedFingerprint = now;
        pendingFingerprint = null;
        reload();
    }

    /** Compiles and tests the directory now and swaps it in if it passes. */
    public synchronized RulePackStatus reload() {
        Instant at = clock.instant();
        RulePackStatus before = status;
        RulePack candidate;
        try {
            candidate = RulePack.fromDirectory(dir);
        } catch (RulePackException e) {
            List<String> problems = e.problems().stream().map(Object::toString).toList();
            problems.forEach(p -> log.error("Rule pack in {} rejected, still serving {}: {}", dir, before.servingVersion(), p));
            status = new RulePackStatus(before.servingVersion(), before.servingRules(), dir, before.loadedAt(), at,
                    limit(problems), at, null);
            return status;
        } catch (RuntimeException e) {
            log.error("Rule pack in {} cannot be loaded, still serving {}: {}", dir, before.servingVersion(), e.toString());
            status = new RulePackStatus(before.servingVersion(), before.servingRules(), dir, before.loadedAt(), at,
                    List.of(String.valueOf(e.getMessage())), at, null);
            return status;
        }
        RuleTestReport report = RuleTests.run(candidate);
        if (!report.passed()) {
            var problems = new ArrayList<String>();
            report.failures().forEach(f -> problems.add(f.testCase().where() + ": " + f.problem()));
            report.rules().values().stream().filter(v -> !v.ok()).forEach(v -> v.problems().stream()
                    .filter(p -> !p.contains(".cases.jsonl:")).forEach(p -> problems.add(v.ruleId() + ": " + p)));
            if (requirePassingCases) {
                problems.forEach(p -> log.error("Rule pack {} in {} fails its test cases, still serving {}: {}",
                        candidate.version(), dir, before.servingVersion(), p));
                status = new RulePackStatus(before.servingVersion(), before.servingRules(), dir, before.loadedAt(), at,
                        limit(problems), at, candidate.version());
                return status;
            }
            problems.forEach(p -> log.warn("Rule pack {} fails a test case (swapped in anyway): {}", candidate.version(), p));
        }
        classifier.swap(candidate);
        log.info("Rule pack {} ({} rules, {}) swapped in for {}", candidate.version(), candidate.rules().size(),
                report.summary(), before.servingVersion());
        status = new RulePackStatus(candidate.version(), candidate.rules().size(), dir, at, at, List.of(), null, null);
        return status;
    }

    private static List<String> limit(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS_SHOWN) {
            return problems;
        }
        var out = new ArrayList<>(problems.subList(0, MAX_PROBLEMS_SHOWN));
        out.add("... and " + (problems.size() - MAX_PROBLEMS_SHOWN) + " more");
        return out;
    }

    /** A hash of the pack files' relative paths and contents. */
    static String fingerprint(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> sorted = files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".drl") || name.endsWith(".cases.jsonl");
            }).sorted().toList();
            for (Path file : sorted) {
                sha.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                try {
                    sha.update(Files.readAllBytes(file));
                } catch (java.nio.file.NoSuchFileException e) {
                    sha.update((byte) 1); // deleted while walking: the next poll sees the settled state
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
