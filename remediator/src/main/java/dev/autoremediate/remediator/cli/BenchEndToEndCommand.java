package dev.autoremediate.remediator.cli;

import dev.autoremediate.remediator.bench.EndToEndBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bench e2e}: see {@link BenchCommand} and {@link EndToEndBenchmark}. */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "End to end through a real in-process broker and the store (H2 file by default, or --db-url), "
                + "next to the same broker's plain consume-and-produce passthrough; prints both and their ratio.")
final class BenchEndToEndCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "20000", description = "Events measured per side.")
    int events;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100000", description = "Events sent first, "
            + "unmeasured, per side (default ${DEFAULT-VALUE}: on 2 cores the JIT is still compiling the service's "
            + "path long after a few thousand events).")
    int warmup = 100_000;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "Measured events sent at N per "
            + "second, evenly spaced, to read the latency at that load; 0 (default) = as fast as the producer can, to "
            + "read the throughput and the ratio.")
    int rate;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Rounds after the warm-up, each "
            + "the passthrough and then the service on --events fresh events; the median round is the figure "
            + "(default ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--db-url", paramLabel = "JDBC", description = "The store, e.g. jdbc:postgresql://127.0.0.1:5432/db "
            + "(default: an H2 file in a temporary directory). Use an empty database or schema.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "User of --db-url.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "Password of --db-url.")
    String dbPassword;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (events < 1 || warmup < 1 || rate < 0 || rounds < 1) {
            spec.commandLine().getErr().println(
                    "bench e2e: --events, --warmup and --rounds must be at least 1, --rate at least 0");
            return 2;
        }
        Path work = Files.createTempDirectory("autoremediate-bench-");
        try {
            out.printf(Locale.ROOT, "bench e2e: %d events per side (after %d warm-up), %s, %d round%s, in-process KRaft "
                    + "broker, %d available processors%n", events, warmup, rate == 0 ? "as fast as the producer can"
                    : String.format(Locale.ROOT, "%,d per second", rate), rounds, rounds == 1 ? "" : "s",
                    Runtime.getRuntime().availableProcessors());
            out.flush();
            EndToEndBenchmark.Result r = new EndToEndBenchmark(work, dbUrl, dbUser, dbPassword)
                    .run(events, warmup, rate, rounds);
            out.printf(Locale.ROOT, "  store        %s; %d partitions%n", r.store(), r.partitions());
            for (int i = 0; i < r.rounds().size(); i++) {
                var round = r.rounds().get(i);
                out.printf(Locale.ROOT, "  round %-6d passthrough %,8.0f events/s, p99 %.0f ms; service %,8.0f events/s, "
                        + "p99 %.0f ms; ratio %.2f%n", i + 1, round.passthrough().eventsPerSecond(),
                        round.passthrough().p99Millis(), round.service().eventsPerSecond(),
                        round.service().p99Millis(), round.ratio());
            }
            // the details are the median round's: of the ratio under a flood, of the service's p99 at a fixed rate
            EndToEndBenchmark.Round median = rate == 0 ? r.median() : r.medianLatency();
            if (r.rounds().size() > 1) {
                out.printf(Locale.ROOT, "  median round (%s), in detail:%n", rate == 0 ? "of the ratio"
                        : "of the service's p99");
            }
            print(out, "passthrough", median.passthrough(), "consume -> produce, commit per poll");
            print(out, "service", median.service(), "consume -> parse -> rules -> policy -> store+outbox -> publish");
            if (rate == 0) {
                var ratios = r.rounds().stream().mapToDouble(EndToEndBenchmark.Round::ratio).summaryStatistics();
                out.printf(Locale.ROOT, "  ratio        service / passthrough = %.2f (target >= 0.50)%s; CPU per event, "
                        + "passthrough / service = %.2f%n", median.ratio(), r.rounds().size() == 1 ? ""
                        : String.format(Locale.ROOT, ", median of %d rounds (%.2f-%.2f)", r.rounds().size(),
                                ratios.getMin(), ratios.getMax()),
                        median.passthrough().cpuMicrosPerEvent() / median.service().cpuMicrosPerEvent());
            } else { // at a fixed rate both sides do about the same events per second: the latency is the figure
                long keptUp = r.rounds().stream().filter(round -> keptUp(round.service(), rate)).count();
                out.printf(Locale.ROOT, "  at %,d/s     service %s (%,.0f events/s); p99 event-to-output: service %.0f ms, "
                        + "passthrough %.0f ms; service kept up in %d of %d rounds%n", rate,
                        keptUp(median.service(), rate) ? "kept up" : "fell behind",
                        median.service().eventsPerSecond(), median.service().p99Millis(),
                        median.passthrough().p99Millis(), keptUp, r.rounds().size());
            }
            out.flush();
            return 0;
        } finally {
            delete(work);
        }
    }

    /** Whether a side read its outputs within 5% of the time the rate took to send the events, plus a second. */
    static boolean keptUp(EndToEndBenchmark.Side side, int rate) {
        return side.seconds() <= side.events() / (double) rate * 1.05 + 1;
    }

    private static void print(PrintWriter out, String name, EndToEndBenchmark.Side side, String what) {
        out.printf(Locale.ROOT, "  %-12s %,8.0f events/s; event-to-output latency p50 %.0f ms, p99 %.0f ms (%s)%n",
                name, side.eventsPerSecond(), side.p50Millis(), side.p99Millis(), what);
        var jvm = side.jvmThreadsMicrosPerEvent();
        if (jvm.isEmpty()) { // no /proc: only the JVM's own elapsed figure, which counts the compilers' waiting too
            out.printf(Locale.ROOT, "  %-12s %,8.0f us CPU per event, whole JVM; JIT compilers busy (elapsed) %,.0f us "
                    + "per event%n", "", side.cpuMicrosPerEvent(), side.jitMicrosPerEvent());
        } else {
            var parts = new StringBuilder();
            jvm.forEach((group, micros) ->
                    parts.append(String.format(Locale.ROOT, "; %s %,.0f", group, micros)));
            out.printf(Locale.ROOT, "  %-12s %,8.0f us CPU per event, whole JVM%s%n", "", side.cpuMicrosPerEvent(),
                    parts);
        }
        var threads = new StringBuilder();
        side.topThreadsMicrosPerEvent(5).forEach((thread, micros) ->
                threads.append(threads.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %,.0f", thread, micros)));
        out.printf(Locale.ROOT, "  %-12s threads, us CPU per event: %s%n", "", threads);
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
