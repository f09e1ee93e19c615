package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.rules.RuleMatch;
import dev.autoremediate.rules.RulePack;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rules backtest --rules DIR --input events.jsonl}: what a candidate pack would decide differently from the
 * current one over past failure events. Streams the input in batches over worker threads (one per core by default),
 * so memory holds the counts and the changed events, not the input. A decision here is what the rule pack says: the
 * deciding rule, its category, retryable flag and action (type and config steps); no match is UNKNOWN, which the
 * policy turns into one cautious retry. An event "changes" when the category, retryable flag or action differ; an
 * event decided by another rule with the same outcome is counted apart.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Compare a candidate rule pack with the current one (bundled, or --baseline DIR) over past "
                + "FailureEvent JSONL: counts per category and action before/after, every event whose decision "
                + "changes (table, and JSON with --json), and the speed in events/s.")
final class RulesBacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", required = true, description = "The candidate pack.")
    Path rulesDir;

    @Option(names = "--baseline", paramLabel = "DIR", description = "The current pack (default: the bundled pack).")
    Path baselineDir;

    @Option(names = "--input", paramLabel = "F|-", required = true, description = "Past FailureEvent JSONL; - for stdin.")
    String input;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the whole comparison as JSON to FILE.")
    Path json;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "200",
            description = "Print at most N changed events in the table (the JSON has them all; default ${DEFAULT-VALUE}).")
    int maxRows;

    private static final int BATCH = 512;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** What one pack decided for one event. */
    record Outcome(String ruleId, String category, Boolean retryable, String action) {

        static Outcome of(Optional<RuleMatch> best) {
            if (best.isEmpty()) {
                return new Outcome(null, "UNKNOWN", null, "NONE");
            }
            RuleMatch m = best.get();
            String action = m.action().type().name() + (m.action().steps().isEmpty() ? ""
                    : " " + m.action().steps().stream().map(Object::toString).collect(Collectors.joining("; ")));
            return new Outcome(m.ruleId(), m.category().name(), m.retryable(), action);
        }

        boolean sameDecision(Outcome o) {
            return category.equals(o.category) && java.util.Objects.equals(retryable, o.retryable)
                    && action.equals(o.action);
        }

        String actionType() {
            int space = action.indexOf(' ');
            return space < 0 ? action : action.substring(0, space);
        }
    }

    /** An event whose decision changed. */
    record Change(long line, String eventId, String jobId, Outcome before, Outcome after) {
    }

    /** What a batch found; merged by the reader thread. */
    private static final class Tally {
        final Map<String, long[]> categories = new TreeMap<>();
        final Map<String, long[]> actions = new TreeMap<>();
        final Map<String, long[]> rules = new TreeMap<>();
        final List<Change> changes = new ArrayList<>();
        final List<String> badLines = new ArrayList<>();
        long events;
        long ruleOnly;

        void count(Outcome before, Outcome after) {
            events++;
            categories.computeIfAbsent(before.category(), k -> new long[2])[0]++;
            categories.computeIfAbsent(after.category(), k -> new long[2])[1]++;
            actions.computeIfAbsent(before.actionType(), k -> new long[2])[0]++;
            actions.computeIfAbsent(after.actionType(), k -> new long[2])[1]++;
            rules.computeIfAbsent(String.valueOf(before.ruleId()), k -> new long[2])[0]++;
            rules.computeIfAbsent(String.valueOf(after.ruleId()), k -> new long[2])[1]++;
        }

        void merge(Tally t) {
            events += t.events;
            ruleOnly += t.ruleOnly;
            mergeCounts(categories, t.categories);
            mergeCounts(actions, t.actions);
            mergeCounts(rules, t.rules);
            changes.addAll(t.changes);
            badLines.addAll(t.badLines);
        }

        private static void mergeCounts(Map<String, long[]> into, Map<String, long[]> from) {
            from.forEach((k, v) -> {
                long[] c = into.computeIfAbsent(k, x -> new long[2]);
                c[0] += v[0];
                c[1] += v[1];
            });
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<RulePack> baseline = PackLoader.load(baselineDir, "rules backtest", err);
        Optional<RulePack> candidate = PackLoader.load(rulesDir, "rules backtest", err);
        if (baseline.isEmpty() || candidate.isEmpty()) {
            return 2;
        }
        if (threads < 1) {
            err.println("rules backtest: --threads must be at least 1");
            return 2;
        }
        RulePack before = baseline.get();
        RulePack after = candidate.get();
        var codec = new ContractCodec();
        long started = System.nanoTime();
        Tally total = new Tally();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "backtest-worker");
            t.setDaemon(true);
            return t;
        });
        // bounded: the reader waits for the workers rather than loading the whole input
        BlockingQueue<Future<Tally>> pending = new ArrayBlockingQueue<>(threads * 4);
        try (BufferedReader in = open(input)) {
            List<String> batch = new ArrayList<>(BATCH);
            long firstLine = 1;
            long lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                batch.add(line);
                if (batch.size() == BATCH) {
                    submit(workers, pending, total, batch, firstLine, codec, before, after);
                    batch = new ArrayList<>(BATCH);
                    firstLine = lineNo + 1;
                }
            }
            if (!batch.isEmpty()) {
                submit(workers, pending, total, batch, firstLine, codec, before, after);
            }
            while (!pending.isEmpty()) {
                total.merge(pending.poll().get());
            }
        } catch (IOException e) {
            err.println("rules backtest: cannot read " + input + ": " + e.getMessage());
            return 1;
        } catch (ExecutionException e) {
            err.println("rules backtest: a worker failed: " + e.getCause());
            return 1;
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        total.changes.sort(Comparator.comparingLong(Change::line));
        total.badLines.forEach(err::println);
        print(out, total, before, after, seconds);
        if (json != null) {
            try (BufferedWriter w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                MAPPER.writerWithDefaultPrettyPrinter().writeValue(w, toJson(total, before, after, seconds));
            } catch (IOException e) {
                err.println("rules backtest: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
            err.println("rules backtest: wrote " + json);
        }
        err.flush();
        return 0;
    }

    private void submit(ExecutorService workers, BlockingQueue<Future<Tally>> pending, Tally total, List<String> lines,
            long firstLine, ContractCodec codec, RulePack before, RulePack after)
            throws InterruptedException, ExecutionException {
        Future<Tally> future = workers.submit(() -> backtest(lines, firstLine, codec, before, after));
        while (!pending.offer(future)) {
            total.merge(pending.take().get());
        }
    }

    private static Tally backtest(List<String> lines, long firstLine, ContractCodec codec, RulePack before,
            RulePack after) {
        Tally tally = new Tally();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            long lineNo = firstLine + i;
            if (line.isBlank()) {
                continue;
            }
            FailureEvent event;
            try {
                event = codec.readFailureEvent(line);
            } catch (InvalidEventException e) {
                tally.badLines.add("line " + lineNo + ": " + e.getMessage());
                continue;
            }
            Outcome b = Outcome.of(before.classify(event).best());
            Outcome a = Outcome.of(after.classify(event).best());
            tally.count(b, a);
            if (!b.sameDecision(a)) {
                tally.changes.add(new Change(lineNo, event.eventId(), event.job().jobId(), b, a));
            } else if (!java.util.Objects.equals(b.ruleId(), a.ruleId())) {
                tally.ruleOnly++;
            }
        }
        return tally;
    }

    private static BufferedReader open(String input) throws IOException {
        if (input.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        }
        return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }

    private void print(PrintWriter out, Tally t, RulePack before, RulePack after, double seconds) {
        out.printf(Locale.ROOT, "baseline pack %s (%d rules) -> candidate pack %s (%d rules)%n", before.version(),
                before.rules().size(), after.version(), after.rules().size());
        out.printf(Locale.ROOT, "%d events, %d decisions change, %d more decided by another rule with the same outcome%n%n",
                t.events, t.changes.size(), t.ruleOnly);
        table(out, "category", t.categories);
        table(out, "action", t.actions);
        var changedRules = new TreeMap<String, long[]>();
        t.rules.forEach((k, v) -> {
            if (v[0] != v[1]) {
                changedRules.put(k.equals("null") ? "(no rule)" : k, v);
            }
        });
        if (!changedRules.isEmpty()) {
            table(out, "rule (changed counts only)", changedRules);
        }
        out.printf(Locale.ROOT, "changed decisions: %d%s%n", t.changes.size(),
                t.changes.size() > maxRows ? " (first " + maxRows + " shown; --json for all)" : "");
        if (!t.changes.isEmpty()) {
            out.printf(Locale.ROOT, "%8s  %-28s %-26s -> %s%n", "line", "eventId", "before", "after");
        }
        t.changes.stream().limit(maxRows).forEach(c -> out.printf(Locale.ROOT, "%8d  %-28s %-26s -> %s%n", c.line(),
                c.eventId(), brief(c.before()), brief(c.after())));
        out.printf(Locale.ROOT, "%nbacktest speed: %d events in %.2f s = %.0f events/s (%d threads)%n", t.events,
                seconds, t.events / Math.max(seconds, 1e-9), threads);
        out.flush();
    }

    private static String brief(Outcome o) {
        return o.category() + (o.ruleId() == null ? "" : " " + o.ruleId()) + " " + o.action()
                + (o.retryable() == null ? "" : o.retryable() ? " (retryable)" : " (not retryable)");
    }

    private static void table(PrintWriter out, String what, Map<String, long[]> counts) {
        out.printf(Locale.ROOT, "%-28s %10s %10s %8s%n", what, "before", "after", "delta");
        counts.forEach((k, v) -> out.printf(Locale.ROOT, "%-28s %10d %10d %+8d%n", k, v[0], v[1], v[1] - v[0]));
        out.println();
    }

    private Map<String, Object> toJson(Tally t, RulePack before, RulePack after, double seconds) {
        var root = new LinkedHashMap<String, Object>();
        root.put("baselineVersion", before.version());
        root.put("candidateVersion", after.version());
        root.put("events", t.events);
        root.put("changed", t.changes.size());
        root.put("sameOutcomeOtherRule", t.ruleOnly);
        root.put("seconds", seconds);
        root.put("eventsPerSecond", t.events / Math.max(seconds, 1e-9));
        root.put("categories", counts(t.categories));
        root.put("actions", counts(t.actions));
        root.put("rules", counts(t.rules));
        root.put("changes", t.changes.stream().map(c -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("line", c.line());
            m.put("eventId", c.eventId());
            m.put("jobId", c.jobId());
            m.put("before", c.before());
            m.put("after", c.after());
            return m;
        }).toList());
        return root;
    }

    private static Map<String, Object> counts(Map<String, long[]> counts) {
        var m = new LinkedHashMap<String, Object>();
        new TreeSet<>(counts.keySet()).forEach(k -> m.put(k, Map.of("before", counts.get(k)[0], "after", counts.get(k)[1])));
        return m;
    }
}
