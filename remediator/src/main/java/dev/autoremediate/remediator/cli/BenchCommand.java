package dev.autoremediate.remediator.cli;

import dev.autoremediate.remediator.bench.OfflineBenchmark;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.pipeline.ModelFallback;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.tuner.SuccessEstimator;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: prints throughput and latency of the decision path. {@code bench offline} measures the offline
 * decision path on one thread; {@code bench e2e} the service end to end through a real broker and the store, next to
 * the broker's plain passthrough. {@code bench} alone runs both.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks: 'offline' (parse, rules, models, policy and tuner on one thread: events/s, p50/p99), "
                + "'e2e' (through a real in-process broker and the store, next to the broker's passthrough).",
                "With no subcommand, runs both."},
        subcommands = {BenchCommand.Offline.class, BenchEndToEndCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", description = "Events to measure (default: 50000 offline, 20000 e2e).")
    Integer events;

    @Override
    public Integer call() throws Exception {
        var offline = new Offline();
        offline.spec = spec;
        offline.events = events == null ? 50_000 : events;
        int code = offline.call();
        if (code != 0) {
            return code;
        }
        var e2e = new BenchEndToEndCommand();
        e2e.spec = spec;
        e2e.events = events == null ? 20_000 : events;
        return e2e.call();
    }

    @Command(name = "offline", mixinStandardHelpOptions = true,
            description = "The offline decision path on ONE thread: parse and validate (with truncation and secret "
                    + "redaction), classify with the rule pack and the classifier model, policy with the config tuner "
                    + "and its retry-outcome model, encode the decision.")
    static final class Offline implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--events", paramLabel = "N", defaultValue = "50000", description = "Events to measure.")
        int events;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "100000",
                description = "Other events decided first, unmeasured, so that the JIT has compiled the path (default: "
                        + "100000; on 2 cores the figure still climbs after 20000 and levels off near 100000, see "
                        + "docs/performance.md).")
        int warmup = 100_000;

        @Mixin
        ClassifierModelOptions classifierModel = new ClassifierModelOptions();

        @Mixin
        OutcomeModelOptions outcomeModel = new OutcomeModelOptions();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (events < 1) {
                spec.commandLine().getErr().println("bench offline: --events must be at least 1");
                return 2;
            }
            RulePack pack = RulePack.bundled();
            Optional<ModelFallback> fallback;
            SuccessEstimator outcome;
            try {
                fallback = classifierModel.fallback();
                outcome = outcomeModel.estimator();
            } catch (IOException e) {
                spec.commandLine().getErr().println("bench offline: cannot read a model: " + e.getMessage());
                return 2;
            }
            var classifier = new FailureClassifier(pack, fallback);
            var policy = new RemediationPolicy(PolicySettings.DEFAULT, Clock.systemUTC(), outcome);
            out.printf(Locale.ROOT, "bench offline: %d events (after %d warm-up) on one thread, %d available "
                    + "processors, JVM %s%n", events, warmup, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            out.flush();
            OfflineBenchmark.Result r = new OfflineBenchmark(classifier, policy).run(events, warmup);
            out.printf(Locale.ROOT, "  path        parse+validate+redact -> %d rules%s -> policy+tuner (%s) -> JSON "
                    + "(%d distinct failure wordings)%n", r.rules(), fallback.map(f -> " + classifier model "
                    + f.model().modelVersion()).orElse(", no classifier model"),
                    outcome == null ? "heuristics" : outcome.name(), r.wordings());
            out.printf(Locale.ROOT, "  throughput  %,.0f events/s wall, %,.0f events per CPU-second of the thread "
                    + "(target >= 20,000 per core)%n", r.eventsPerSecond(), r.eventsPerCpuSecond());
            out.printf(Locale.ROOT, "  latency     p50 %.1f us, p99 %.1f us, p99.9 %.1f us%n", r.p50Micros(),
                    r.p99Micros(), r.p999Micros());
            out.printf(Locale.ROOT, "  time        %.2f s wall, %.2f s CPU%n", r.wallSeconds(), r.cpuSeconds());
            var stages = new StringBuilder();
            r.cpuMicrosPerStage().forEach((stage, micros) -> stages.append(stages.isEmpty() ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f us", stage, micros)));
            out.printf(Locale.ROOT, "  CPU/stage   %s%n", stages);
            out.flush();
            return 0;
        }
    }
}
