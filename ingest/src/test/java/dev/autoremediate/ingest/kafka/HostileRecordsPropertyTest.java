package dev.autoremediate.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.codec.SecretRedactor;
import dev.autoremediate.ingest.codec.TextLimits;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Property-based tests (jqwik) of ingest against hostile records: malformed JSON, wrong types, huge fields, deep
 * nesting, invalid UTF-8, hostile strings and secrets, mixed with valid records. Whatever arrives, the listener never
 * crashes: a valid record reaches the handler (truncated and redacted), a bad one is rejected with an
 * {@link InvalidEventException} (which the error handler dead-letters at once) whose reason names what is wrong, and
 * neither affects its neighbours.
 */
class HostileRecordsPropertyTest {

    private final ContractCodec codec = new ContractCodec();

    /** One generated record and whether it is valid by construction. */
    record Generated(String kind, byte[] bytes, boolean valid, String secret, String expectedId) {

        Generated withExpectedId(String id) {
            return new Generated(kind, bytes, valid, secret, id);
        }

        @Override
        public String toString() {
            String text = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.ISO_8859_1);
            return kind + " (" + bytes.length + " bytes): " + text;
        }
    }

    @Property(tries = 300)
    @Label("a batch of hostile and valid records: valid ones reach the handler in order, each bad one is rejected with a reason")
    void every_record_is_either_handled_or_rejected_with_a_reason(
            @ForAll("batches") List<Generated> batch) {
        var handled = new ArrayList<FailureEvent>();
        var listener = new FailureEventListener(codec, handled::add);
        var expectedIds = new ArrayList<String>();
        for (int i = 0; i < batch.size(); i++) {
            Generated g = batch.get(i);
            Statistics.collect(g.kind());
            var record = new ConsumerRecord<>("job-failures", 0, i, "job-" + i, g.bytes());
            try {
                listener.onMessage(record);
                assertThat(g.valid()).as("accepted %s", g).isTrue();
                expectedIds.add(g.expectedId() != null ? g.expectedId() : idOf(i));
            } catch (InvalidEventException e) {
                assertThat(g.valid()).as("rejected %s: %s", g, e.getMessage()).isFalse();
                String reason = DeadLetters.reason(new ListenerExecutionFailedException("listener failed", e));
                assertThat(reason).startsWith("invalid event: ").doesNotContainPattern("\\p{Cntrl}");
                assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.field()).isNotBlank());
            }
        }
        assertThat(handled).extracting(FailureEvent::eventId).containsExactlyElementsOf(expectedIds);
        for (FailureEvent event : handled) {
            // what is accepted can be stored and published: it writes and reads back unchanged
            assertThat(codec.readFailureEvent(codec.writeBytes(event))).isEqualTo(event);
            assertThat(event.failure().message() == null ? 0 : event.failure().message().length())
                    .isLessThanOrEqualTo(TextLimits.DEFAULT.maxMessageChars());
        }
    }

    @Property(tries = 200)
    @Label("a secret anywhere in the failure text or a secret config value never comes out of ingest")
    void secrets_are_redacted_before_the_event_is_handed_on(@ForAll("secretEvents") Generated g) {
        FailureEvent event = codec.readFailureEvent(g.bytes());
        String written = codec.write(event);

        assertThat(written).doesNotContain(g.secret());
        assertThat(event.redactions()).isNotEmpty();
        assertThat(written).contains(SecretRedactor.MARKER_PREFIX);
    }

    @Property(tries = 6)
    @Label("a 50 MB field is truncated with a marker, its secrets redacted, never rejected")
    void a_fifty_megabyte_field_is_truncated_not_rejected(@ForAll("hugeFields") String field,
            @ForAll("secrets") String secret) {
        String huge = "x".repeat(1024) + " " + secret + " " + "at org.example.Step.run(Step.java:42)\n".repeat(
                50 * 1024 * 1024 / 38) + " " + secret;
        String json = "{\"schemaVersion\":1,\"eventId\":\"huge\",\"occurredAt\":\"2026-11-22T10:15:30Z\",\"job\":"
                + "{\"jobId\":\"j\",\"runId\":\"j/1\",\"attempt\":1,\"engine\":\"spark\"},\"failure\":{\"" + field + "\":"
                + codec.write(huge) + "}}";

        FailureEvent event = codec.readFailureEvent(json.getBytes(StandardCharsets.UTF_8));
        String text = switch (field) {
            case "message" -> event.failure().message();
            case "stackTrace" -> event.failure().stackTrace();
            default -> event.failure().logTail();
        };

        assertThat(text.length()).isLessThanOrEqualTo(64 * 1024);
        assertThat(text).contains("[autoremediate truncated " + huge.length() + " chars").doesNotContain(secret);
        assertThat(event.redactions()).anySatisfy(r -> assertThat(r).startsWith("failure." + field));
    }

    // ----------------------------------------------------------------------------------------------- generators

    private static String idOf(int index) {
        return "evt-" + index;
    }

    @Provide
    Arbitrary<List<Generated>> batches() {
        return Arbitraries.integers().between(1, 12).flatMap(n -> {
            List<Arbitrary<Generated>> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                items.add(record(i));
            }
            return Combinators.combine(items).as(list -> list);
        });
    }

    private Arbitrary<Generated> record(int index) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, valid(index)),
                Tuple.of(2, malformed(index)),
                Tuple.of(2, wrongType(index)),
                Tuple.of(1, deepNesting(index)),
                Tuple.of(2, invalidUtf8(index)),
                Tuple.of(3, hostileStrings(index)),
                Tuple.of(1, largeField(index)));
    }

    private static String event(int index, String jobExtra, String failure) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + idOf(index) + "\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
                + "\"job\":{\"jobId\":\"job-" + index + "\",\"runId\":\"job-" + index + "/r\",\"attempt\":1,"
                + "\"engine\":\"spark\"" + jobExtra + "},\"failure\":" + failure + "}";
    }

    private static Generated of(String kind, String json, boolean valid) {
        return new Generated(kind, json.getBytes(StandardCharsets.UTF_8), valid, null, null);
    }

    private Arbitrary<Generated> valid(int index) {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(200).map(message -> of("valid",
                event(index, ",\"config\":{\"spark.executor.memory\":\"8g\"}",
                        "{\"exitCode\":137,\"message\":" + codec.write(message + " OutOfMemoryError") + "}"), true));
    }

    private Arbitrary<Generated> malformed(int index) {
        String whole = event(index, "", "{\"exitCode\":1,\"message\":\"boom\"}");
        Arbitrary<Generated> cut = Arbitraries.integers().between(0, whole.length() - 2)
                .map(at -> of("malformed: truncated", whole.substring(0, at), false));
        Arbitrary<Generated> garbage = Arbitraries.strings().ofMaxLength(100)
                .filter(s -> !s.isBlank())
                .map(s -> of("malformed: garbage", s, false));
        Arbitrary<Generated> fixed = Arbitraries.of("[]", "null", "42", "\"text\"", "{", "}", "{\"a\":}", "{,}",
                whole + "}", whole + " trailing", whole.replace(":", "="), whole.replace("\"", "'"))
                .map(s -> of("malformed: shape", s, false));
        return Arbitraries.oneOf(cut, garbage, fixed);
    }

    private Arbitrary<Generated> wrongType(int index) {
        Map<String, String> swaps = Map.of(
                "\"attempt\":1", "\"attempt\":\"one\"",
                "\"schemaVersion\":1", "\"schemaVersion\":\"1.0\"",
                "\"occurredAt\":\"2026-11-22T10:15:30Z\"", "\"occurredAt\":12345678901234567890",
                "\"engine\":\"spark\"", "\"engine\":[\"spark\"]",
                "\"exitCode\":1", "\"exitCode\":\"137\"x",
                "\"jobId\":\"job-" + index + "\"", "\"jobId\":{\"id\":1}",
                "\"message\":\"boom\"", "\"message\":{\"text\":\"boom\"}",
                "\"attempt\":1,", "\"attempt\":1e400,");
        String whole = event(index, "", "{\"exitCode\":1,\"message\":\"boom\"}");
        Arbitrary<Generated> swapped = Arbitraries.of(List.copyOf(swaps.entrySet()))
                .map(e -> of("wrong type: " + e.getKey().replaceAll("[\":0-9\\-]", ""),
                        whole.replace(e.getKey(), e.getValue()), false));
        Arbitrary<Generated> config = Arbitraries.of("{\"a\":{\"b\":1}}", "[\"x\"]", "\"spark.executor.memory=8g\"",
                "{\"a\":[1,2]}").map(c -> of("wrong type: config", event(index, ",\"config\":" + c,
                "{\"exitCode\":1}"), false));
        return Arbitraries.oneOf(swapped, config);
    }

    private Arbitrary<Generated> deepNesting(int index) {
        return Arbitraries.integers().between(65, 200_000).map(depth -> {
            String nested = "[".repeat(depth) + "]".repeat(depth);
            return of("deep nesting", event(index, "", "{\"exitCode\":1,\"unknownField\":" + nested + "}"), false);
        });
    }

    private Arbitrary<Generated> invalidUtf8(int index) {
        List<byte[]> bad = List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82});
        return Combinators.combine(Arbitraries.of(bad), Arbitraries.integers().between(0, 1_000)).as((b, at) -> {
            byte[] json = event(index, "", "{\"exitCode\":1,\"message\":\"boom here\"}").getBytes(StandardCharsets.UTF_8);
            int pos = json.length - 6 - (at % 5); // inside the message text
            byte[] out = new byte[json.length + b.length];
            System.arraycopy(json, 0, out, 0, pos);
            System.arraycopy(b, 0, out, pos, b.length);
            System.arraycopy(json, pos, out, pos + b.length, json.length - pos);
            return new Generated("invalid UTF-8", out, false, null, null);
        });
    }

    /** Hostile strings in the text fields are accepted (they are data); in ids, control characters are rejected. */
    private Arbitrary<Generated> hostileStrings(int index) {
        Arbitrary<String> hostile = Arbitraries.oneOf(
                Arbitraries.of("\u0000", "\u001b[31mred\u001b[0m", "\r\nFAKE LOG LINE", "\u202eevil\u202c",
                        "'; drop table decision; --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}",
                        "\\ud800", "\ud83d\ude80", "\uFEFF", "\u2028\u2029", "%s%n%x", "../../etc/passwd"),
                Arbitraries.strings().all().ofMaxLength(50));
        return Combinators.combine(hostile, Arbitraries.of("message", "eventId", "configKey", "owner"))
                .as((s, where) -> {
                    String json = codec.write(s);
                    boolean control = s.chars().anyMatch(Character::isISOControl);
                    return switch (where) {
                        case "message" -> of("hostile string in message",
                                event(index, "", "{\"exitCode\":1,\"message\":" + json + "}"), true);
                        case "owner" -> of("hostile string in owner",
                                event(index, ",\"owner\":" + json, "{\"exitCode\":1}"), true);
                        case "configKey" -> of("hostile string as config key",
                                event(index, ",\"config\":{" + json + ":\"v\"}", "{\"exitCode\":1}"),
                                !s.isBlank() && s.length() <= 256);
                        default -> of("hostile string in eventId", event(index, "", "{\"exitCode\":1}")
                                .replace("\"eventId\":\"" + idOf(index) + "\"",
                                        "\"eventId\":" + codec.write(idOf(index) + s)), !control)
                                // what a producer's UTF-8 encoder makes of it (a lone surrogate becomes '?')
                                .withExpectedId(new String((idOf(index) + s).getBytes(StandardCharsets.UTF_8),
                                        StandardCharsets.UTF_8));
                    };
                });
    }

    private Arbitrary<Generated> largeField(int index) {
        return Arbitraries.of("message", "stackTrace", "logTail").map(field -> of("large " + field,
                event(index, "", "{\"exitCode\":1,\"" + field + "\":" + codec.write("y".repeat(300_000)) + "}"), true));
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.of("AKIAIOSFODNN7EXAMPLE", "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldGwifQ.c2lnbmF0dXJlLXZhbHVl",
                "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "xoxb-1234567890-0987654321-AbCdEf");
    }

    @Provide
    Arbitrary<String> hugeFields() {
        return Arbitraries.of("message", "stackTrace", "logTail");
    }

    @Provide
    Arbitrary<Generated> secretEvents() {
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '\n', '.', '(', ')')
                .ofMaxLength(300);
        Arbitrary<Tuple.Tuple2<String, String>> inText = Arbitraries.of(
                        "AKIA" + "Q3EGRKXA7TPZ2M5B", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "AIzaSyB1x2c3D4e5F6g7H8i9J0kLmNoPqRsTuVw", "s3cr3tPassw0rd")
                .map(secret -> switch (secret.length()) {
                    case 20 -> Tuple.of(secret, "key id " + secret);
                    case 40 -> Tuple.of(secret, "aws_secret_access_key=" + secret);
                    case 39 -> Tuple.of(secret, "https://example.test/api?key=" + secret);
                    default -> Tuple.of(secret, "jdbc:postgresql://etl:" + secret + "@db:5432/dw");
                });
        Arbitrary<Generated> inFailure = Combinators.combine(words, inText, words,
                        Arbitraries.of("message", "stackTrace", "logTail"))
                .as((before, secret, after, field) -> new Generated("secret in " + field, event(0, "",
                        "{\"exitCode\":1,\"" + field + "\":" + codec.write(before + " " + secret.get2() + " " + after)
                                + "}").getBytes(StandardCharsets.UTF_8), true, secret.get1(), null));
        Arbitrary<Generated> inConfig = Combinators.combine(
                        Arbitraries.of("spark.hadoop.fs.s3a.secret.key", "spark.ssl.keyStorePassword",
                                "spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net", "db.password"),
                        Arbitraries.strings().alpha().numeric().ofMinLength(12).ofMaxLength(40))
                .as((key, value) -> new Generated("secret config value", event(0,
                        ",\"config\":{" + codec.write(key) + ":" + codec.write(value) + "}", "{\"exitCode\":1}")
                        .getBytes(StandardCharsets.UTF_8), true, value, null));
        return Arbitraries.oneOf(inFailure, inConfig);
    }
}
