package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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

    /** The longest line read; a longer one is skipped with an error (the codec accepts strings up to 256 MiB). */
    static final int MAX_LINE_BYTES = 300 * 1024 * 1024;

    void run(BufferedReader in, Writer out, PrintWriter err) throws IOException {
        Map<String, List<Decision>> byRun = new HashMap<>();
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (!line.isBlank()) {
                String text = line;
                decide(lineNo, () -> codec.readFailureEvent(text), byRun, out, err);
            }
        }
        out.flush();
        err.flush();
    }

    /**
     * Reads the input as bytes, line by line, so that a line that is not valid UTF-8 is reported as bad (with its
     * line number) instead of failing the whole run or being silently altered by a lenient decoder.
     */
    void run(InputStream in, Writer out, PrintWriter err) throws IOException {
        Map<String, List<Decision>> byRun = new HashMap<>();
        var line = new ByteArrayOutputStream(8 * 1024);
        var buffer = new byte[64 * 1024];
        int lineNo = 0;
        boolean tooLong = false;
        int n;
        boolean pending = false;
        while ((n = in.read(buffer)) != -1) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                if (!tooLong) {
                    line.write(buffer, from, i - from);
                }
                lineNo++;
                handleLine(lineNo, line, tooLong, byRun, out, err);
                line.reset();
                tooLong = false;
                pending = false;
                from = i + 1;
            }
            if (from < n) {
                pending = true;
                if (!tooLong && line.size() + (n - from) > MAX_LINE_BYTES) {
                    tooLong = true;
                    line.reset();
                } else if (!tooLong) {
                    line.write(buffer, from, n - from);
                }
            }
        }
        if (pending) {
            handleLine(lineNo + 1, line, tooLong, byRun, out, err);
        }
        out.flush();
        err.flush();
    }

    private void handleLine(int lineNo, ByteArrayOutputStream line, boolean tooLong, Map<String, List<Decision>> byRun,
            Writer out, PrintWriter err) throws IOException {
        if (tooLong) {
            err.println("line " + lineNo + ": longer than " + MAX_LINE_BYTES + " bytes; skipped");
            return;
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        if (isBlank(bytes, length)) {
            return;
        }
        byte[] json = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        decide(lineNo, () -> codec.readFailureEvent(json), byRun, out, err);
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private void decide(int lineNo, Supplier<FailureEvent> read, Map<String, List<Decision>> byRun, Writer out,
            PrintWriter err) throws IOException {
        FailureEvent event;
        try {
            event = read.get();
        } catch (InvalidEventException e) {
            err.println("line " + lineNo + ": " + e.getMessage());
            return;
        }
        List<Decision> priors = byRun.getOrDefault(event.job().runId(), List.of()).stream()
                .filter(d -> d.attempt() < event.job().attempt()).toList();
        Decision decision = policy.decide(event, classifier.classify(event), priors, tune, history);
        byRun.computeIfAbsent(event.job().runId(), k -> new ArrayList<>()).add(decision);
        out.write(codec.write(decision));
        out.write('\n');
    }
}
