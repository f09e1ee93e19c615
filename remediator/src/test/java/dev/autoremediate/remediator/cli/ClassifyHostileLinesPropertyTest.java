package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * {@code classify}'s line processing (the {@link JsonLinesDecider} the command runs over its input stream, with the
 * bundled rule pack compiled once for all tries), over generated JSONL files in which valid failure events sit between malformed
 * JSON, wrong types, deep nesting, invalid UTF-8, hostile strings, huge fields and leaked secrets. Properties: the
 * command exits 0; every valid line gives exactly one decision, in input order; every bad line gives exactly one
 * {@code line N: ...} error on stderr with its own number and the run goes on; no secret reaches stdout or stderr.
 */
class ClassifyHostileLinesPropertyTest {

    private static final ContractCodec codec = new ContractCodec();
    private static final String SECRET = "AKIAZ7QWERTYUIOP1234";
    private static Path dir;

    @BeforeContainer
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("classify-hostile");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One JSONL line: its bytes (without the newline), and the event id if it is valid. */
    record Line(String kind, byte[] bytes, String validEventId) {
        @Override
        public String toString() {
            return kind + ": " + new String(bytes, 0, Math.min(200, bytes.length), StandardCharsets.ISO_8859_1);
        }
    }

    private static final JsonLinesDecider classify = new JsonLinesDecider(codec,
            new dev.autoremediate.remediator.pipeline.FailureClassifier(dev.autoremediate.rules.RulePack.bundled()),
            new dev.autoremediate.remediator.policy.RemediationPolicy(
                    dev.autoremediate.remediator.policy.PolicySettings.DEFAULT, java.time.Clock.systemUTC()),
            false, dev.autoremediate.remediator.policy.JobHistory.NONE);

    @Property(tries = 150)
    @Label("classify: one decision per valid line in order, one numbered error per bad line, no secret in any output")
    void classify_survives_any_mix_of_lines(@ForAll("files") List<Line> lines) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        var bytes = new ByteArrayOutputStream();
        for (Line line : lines) {
            bytes.write(line.bytes());
            bytes.write('\n');
            Statistics.collect(line.kind());
        }
        Files.write(in, bytes.toByteArray());

        var err = new StringWriter();
        try (var input = new java.io.BufferedInputStream(Files.newInputStream(in));
                var output = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            classify.run(input, output, new PrintWriter(err, true));
        }

        String output = Files.readString(out);
        List<Decision> decisions = output.lines().map(l -> codec.read(l, Decision.class)).toList();
        List<String> expected = lines.stream().map(Line::validEventId).filter(id -> id != null).toList();
        assertThat(decisions).extracting(Decision::eventId).containsExactlyElementsOf(expected);

        var expectedErrorLines = new ArrayList<Integer>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).validEventId() == null && !lines.get(i).kind().equals("blank")) {
                expectedErrorLines.add(i + 1);
            }
        }
        List<String> errors = err.toString().lines().toList();
        assertThat(errors).allSatisfy(l -> assertThat(l).matches("line \\d+: .+"));
        assertThat(errors).extracting(l -> Integer.parseInt(l.substring(5, l.indexOf(':'))))
                .containsExactlyElementsOf(expectedErrorLines);
        assertThat(output).doesNotContain(SECRET);
        assertThat(err.toString()).doesNotContain(SECRET);
    }

    @Provide
    Arbitrary<List<Line>> files() {
        return Arbitraries.integers().between(1, 15).flatMap(n -> {
            List<Arbitrary<Line>> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(line(i));
            }
            return Combinators.combine(items).as(list -> list);
        });
    }

    private Arbitrary<Line> line(int i) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, valid(i)),
                Tuple.of(1, Arbitraries.just(new Line("blank", "   ".getBytes(StandardCharsets.UTF_8), null))),
                Tuple.of(2, malformed(i)),
                Tuple.of(2, wrongType(i)),
                Tuple.of(1, deepNesting(i)),
                Tuple.of(2, invalidUtf8(i)),
                Tuple.of(2, hostile(i)),
                Tuple.of(1, secret(i)));
    }

    private static FailureEvent event(int i) {
        FailureEvent[] kinds = {FailureEvents.heapOom("job-" + i), FailureEvents.containerKilled("job-" + i),
            FailureEvents.tableNotFound("job-" + i), FailureEvents.unrecognised("job-" + i)};
        return FailureEvents.withEventId(kinds[i % kinds.length], "evt-" + i);
    }

    private static Line validLine(String kind, int i, FailureEvent event) {
        return new Line(kind, codec.writeBytes(event), event.eventId());
    }

    private Arbitrary<Line> valid(int i) {
        return Arbitraries.just(validLine("valid", i, event(i)));
    }

    private Arbitrary<Line> malformed(int i) {
        String json = codec.write(event(i));
        return Arbitraries.integers().between(1, json.length() - 1)
                .map(at -> new Line("malformed", json.substring(0, at).getBytes(StandardCharsets.UTF_8), null))
                .filter(l -> !new String(l.bytes(), StandardCharsets.UTF_8).isBlank());
    }

    private Arbitrary<Line> wrongType(int i) {
        String json = codec.write(event(i));
        return Arbitraries.of("\"attempt\":\"1st\"", "\"attempt\":[1]", "\"job\":\"job-" + i + "\"",
                        "\"occurredAt\":true", "\"config\":[]", "\"schemaVersion\":{}")
                .map(swap -> {
                    String field = swap.substring(0, swap.indexOf(':') + 1);
                    int at = json.indexOf(field);
                    int end = field.equals("\"job\":") || field.equals("\"config\":") ? matchingBrace(json, at + field.length())
                            : json.indexOf(',', at);
                    String broken = json.substring(0, at) + swap + json.substring(end);
                    return new Line("wrong type", broken.getBytes(StandardCharsets.UTF_8), null);
                });
    }

    private static int matchingBrace(String json, int open) {
        int depth = 0;
        for (int k = open; k < json.length(); k++) {
            char c = json.charAt(k);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return k + 1;
            }
        }
        throw new IllegalStateException();
    }

    private Arbitrary<Line> deepNesting(int i) {
        return Arbitraries.integers().between(100, 100_000).map(depth -> {
            String json = codec.write(event(i));
            String nested = json.substring(0, json.length() - 1) + ",\"extra\":" + "{\"a\":".repeat(depth) + "1"
                    + "}".repeat(depth) + "}";
            return new Line("deep nesting", nested.getBytes(StandardCharsets.UTF_8), null);
        });
    }

    private Arbitrary<Line> invalidUtf8(int i) {
        return Arbitraries.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFE},
                new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x28, (byte) 0xA1})
                .map(bad -> {
                    byte[] json = codec.writeBytes(event(i));
                    String text = new String(json, StandardCharsets.UTF_8);
                    int at = text.indexOf("\"message\":\"") + 11;
                    byte[] out = new byte[json.length + bad.length];
                    System.arraycopy(json, 0, out, 0, at);
                    System.arraycopy(bad, 0, out, at, bad.length);
                    System.arraycopy(json, at, out, at + bad.length, json.length - at);
                    return new Line("invalid UTF-8", out, null);
                });
    }

    /** Hostile text in the message is data: classified like any other failure, escaped in the JSON output. */
    private Arbitrary<Line> hostile(int i) {
        return Arbitraries.oneOf(Arbitraries.of("\u001b]0;pwned\u0007", "\r\nline 1: forged error", "\u0000\u0000",
                        "\u202e\u2066", "'\"; DROP TABLE decision;--", "${jndi:ldap://127.0.0.1/x}", "\ud83d\udca5".repeat(100)),
                        Arbitraries.strings().all().ofMaxLength(100))
                .map(s -> {
                    FailureEvent e = event(i);
                    var failure = new dev.autoremediate.ingest.contract.Failure(e.failure().exitCode(),
                            e.failure().exceptionClass(), s + " " + e.failure().message(), s, s);
                    var hostileEvent = new FailureEvent(1, e.eventId(), e.occurredAt(), e.job(), failure, e.metrics());
                    return validLine("hostile string", i, hostileEvent);
                });
    }

    /** A leaked key, in a huge stack trace now and then: truncated and redacted, never printed. */
    private Arbitrary<Line> secret(int i) {
        return Arbitraries.frequency(Tuple.of(9, 0), Tuple.of(1, 50 * 1024 * 1024)).map(size -> {
            FailureEvent e = event(i);
            String trace = "at a.B.c(B.java:1)\n".repeat(size / 19) + "aws key " + SECRET + " rejected";
            var failure = new dev.autoremediate.ingest.contract.Failure(e.failure().exitCode(),
                    e.failure().exceptionClass(), e.failure().message() + " (key " + SECRET + ")", trace, null);
            var leaky = new FailureEvent(1, e.eventId(), e.occurredAt(), e.job(), failure, e.metrics());
            return validLine(size > 0 ? "secret in a 50 MB stack trace" : "secret", i, leaky);
        });
    }

    static {
        // fail fast if the fixtures drift: every generated valid event must be valid
        try {
            for (int i = 0; i < 4; i++) {
                codec.readFailureEvent(codec.writeBytes(event(i)));
            }
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("fixture events are not valid", e));
        }
    }
}
