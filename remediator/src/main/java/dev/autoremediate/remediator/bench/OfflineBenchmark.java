package dev.autoremediate.remediator.bench;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.rules.RulePack;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The offline decision path on the calling thread, as the service runs it per event minus the store: parse and
 * validate the JSON bytes (with truncation and secret redaction), classify with the rule pack and the classifier
 * model, apply the policy with the config tuner and its retry-outcome model, and encode the decision as JSON. Measures
 * wall time and this thread's CPU time, so that the events per second per core are right even when other processes
 * share the machine.
 */
public final class OfflineBenchmark {

    /**
     * @param events        events measured (after the warm-up)
     * @param wallSeconds   elapsed time of the measured events
     * @param cpuSeconds    CPU time of the benchmark thread for them
     * @param p50Micros     median latency of one event
     * @param p99Micros     99th percentile
     * @param p999Micros    99.9th percentile
     * @param rules         rules of the pack
     * @param wordings      distinct failure wordings cycled through
     */
    public record Result(int events, double wallSeconds, double cpuSeconds, double p50Micros, double p99Micros,
            double p999Micros, int rules, int wordings, java.util.Map<String, Double> cpuMicrosPerStage) {

        public double eventsPerSecond() {
            return events / wallSeconds;
        }

        public double eventsPerCpuSecond() {
            return events / cpuSeconds;
        }
    }

    private final ContractCodec codec = new ContractCodec();
    private final FailureClassifier classifier;
    private final RemediationPolicy policy;

    /**
     * @param classifier the rule pack with the classifier model the service asks when no rule matches (or none)
     * @param policy     the policy with the config tuner and its retry-outcome model (or its heuristics)
     */
    public OfflineBenchmark(FailureClassifier classifier, RemediationPolicy policy) {
        this.classifier = classifier;
        this.policy = policy;
    }

    public Result run(int events, int warmup) {
        var events0 = new BenchEvents(codec);
        RulePack pack = classifier.pack();
        byte[][] input = new byte[Math.max(events, 1)][];
        for (int i = 0; i < input.length; i++) {
            input[i] = events0.bytes("bench", i);
        }
        long sink = 0;
        // the warm-up decides other events than those measured (other ids, jobs and runs): nothing measured has been
        // seen before
        byte[][] warm = new byte[Math.min(Math.max(warmup, 1), input.length)][];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = events0.bytes("warm", i);
        }
        for (int i = 0; i < warmup; i++) {
            sink += decide(warm[i % warm.length], classifier, policy).length();
        }
        var latencies = new Latencies(events);
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long t0 = System.nanoTime();
            sink += decide(input[i], classifier, policy).length();
            latencies.add(System.nanoTime() - t0);
        }
        long wall = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sink == 42) {
            System.out.print(""); // keeps the work observable
        }
        return new Result(events, wall / 1e9, cpu / 1e9, latencies.percentileMicros(0.50),
                latencies.percentileMicros(0.99), latencies.percentileMicros(0.999), pack.rules().size(),
                events0.distinctWordings(), stages(input, classifier, policy));
    }

    /** CPU time per event of each stage alone, over the same events (where the time goes). */
    private java.util.Map<String, Double> stages(byte[][] input, FailureClassifier classifier, RemediationPolicy policy) {
        var threads = ManagementFactory.getThreadMXBean();
        int n = input.length;
        var parsed = new FailureEvent[n];
        var classified = new dev.autoremediate.remediator.pipeline.ClassifiedFailure[n];
        var decisions = new Decision[n];
        var stages = new java.util.LinkedHashMap<String, Double>();
        long t = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            parsed[i] = codec.readFailureEvent(input[i]);
        }
        long t1 = threads.getCurrentThreadCpuTime();
        stages.put("parse+validate+redact", (t1 - t) / 1e3 / n);
        for (int i = 0; i < n; i++) {
            classified[i] = classifier.classify(parsed[i]);
        }
        long t2 = threads.getCurrentThreadCpuTime();
        stages.put(classifier.model().isPresent() ? "rules+model" : "rules", (t2 - t1) / 1e3 / n);
        for (int i = 0; i < n; i++) {
            decisions[i] = policy.decide(parsed[i], classified[i], List.of(), true, JobHistory.NONE);
        }
        long t3 = threads.getCurrentThreadCpuTime();
        stages.put("policy+tuner", (t3 - t2) / 1e3 / n);
        long sink = 0;
        for (int i = 0; i < n; i++) {
            sink += codec.write(decisions[i]).length();
        }
        long t4 = threads.getCurrentThreadCpuTime();
        stages.put("encode decision", (t4 - t3) / 1e3 / n);
        return sink == 42 ? java.util.Map.of() : stages;
    }

    private String decide(byte[] json, FailureClassifier classifier, RemediationPolicy policy) {
        FailureEvent event = codec.readFailureEvent(json);
        Decision decision = policy.decide(event, classifier.classify(event), List.of(), true, JobHistory.NONE);
        return codec.write(decision);
    }
}
