package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline decision path of {@code classify} and {@code decide}: FailureEvent JSONL in, one Decision JSON line
 * out per valid input line, in input order. A bad line gives one error line on stderr naming its line number and the
 * run goes on. Earlier lines of the same run count as its history (so the second UNKNOWN attempt of a run is
 * escalated, as the service would).
 */
final class JsonLinesDecider {

    private final ContractCodec codec;
    private final FailureClassifier classifier;
    private final RemediationPolicy policy;
    private final boolean tune;
    private final JobHistory history;

    JsonLinesDecider(ContractCodec codec, FailureClassifier classifier, RemediationPolicy policy, boolean tune,
            JobHistory history) {
        this.codec = codec;
        this.classifier = classifier;
        this.policy = policy;
        this.tune = tune;
        this.history = history;
    }

    void run(BufferedReader in, Writer out, PrintWriter err) throws IOException {
        Map<String, List<Decision>> byRun = new HashMap<>();
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            FailureEvent event;
            try {
                event = codec.readFailureEvent(line);
            } catch (InvalidEventException e) {
                err.println("line " + lineNo + ": " + e.getMessage());
                continue;
            }
            List<Decision> priors = byRun.getOrDefault(event.job().runId(), List.of()).stream()
                    .filter(d -> d.attempt() < event.job().attempt()).toList();
            Decision decision = policy.decide(event, classifier.classify(event), priors, tune, history);
            byRun.computeIfAbsent(event.job().runId(), k -> new ArrayList<>()).add(decision);
            out.write(codec.write(decision));
            out.write('\n');
        }
        out.flush();
        err.flush();
    }
}
