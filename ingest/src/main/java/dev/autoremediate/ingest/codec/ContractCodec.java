package dev.autoremediate.ingest.codec;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec of contract v1. Unknown fields are ignored; instants are ISO-8601 text; a failure event is
 * validated and its text truncated on the way in. Thread-safe; build one and share it.
 */
public final class ContractCodec {

    private final JsonMapper mapper;
    private final TextLimits limits;
    private final FailureEventValidator validator = new FailureEventValidator();
    private final SecretRedactor redactor = SecretRedactor.DEFAULT;
    private final JobOutcomeValidator outcomeValidator = new JobOutcomeValidator();

    public ContractCodec() {
        this(TextLimits.DEFAULT);
    }

    public ContractCodec(TextLimits limits) {
        this.limits = limits;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxInputChars())
                        .maxNestingDepth(64)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Parses, validates, redacts the secrets of, and truncates a failure event. */
    public FailureEvent readFailureEvent(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidEventException(List.of(new Violation("$", "the record is empty; expected a JSON object")));
        }
        return checked(parse(json, FailureEvent.class));
    }

    /** Parses, validates and truncates a failure event from UTF-8 bytes (invalid UTF-8 is rejected). */
    public FailureEvent readFailureEvent(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException(List.of(new Violation("$", "the record is empty; expected a JSON object")));
        }
        requireUtf8(json);
        try {
            return checked(mapper.readValue(json, FailureEvent.class));
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    /**
     * Validates and truncates a failure event built in code (e.g. mapped from another format) exactly as one read
     * from JSON would be; throws {@link InvalidEventException} naming each violation.
     */
    public FailureEvent checkFailureEvent(FailureEvent event) {
        return checked(event);
    }

    /** Validates a job outcome built in code (e.g. mapped from another format) exactly as one read from JSON. */
    public JobOutcome checkJobOutcome(JobOutcome outcome) {
        List<Violation> violations = outcomeValidator.validate(outcome);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return outcome;
    }

    /**
     * Parses UTF-8 JSON into a tree, with the same limits and the same errors as the contract readers (invalid UTF-8
     * and malformed JSON throw {@link InvalidEventException} with line and column). For formats other than contract
     * v1, such as OpenLineage run events.
     */
    public JsonNode readTree(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException(List.of(new Violation("$", "the record is empty; expected a JSON object")));
        }
        requireUtf8(json);
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    /** Parses and validates a job outcome from UTF-8 bytes (invalid UTF-8 is rejected). */
    public JobOutcome readJobOutcome(byte[] json) {
        if (json == null || json.length == 0) {
            throw new InvalidEventException(List.of(new Violation("$", "the record is empty; expected a JSON object")));
        }
        requireUtf8(json);
        JobOutcome outcome;
        try {
            outcome = mapper.readValue(json, JobOutcome.class);
        } catch (JacksonException e) {
            throw malformed(e);
        }
        List<Violation> violations = outcomeValidator.validate(outcome);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return outcome;
    }

    /** Parses any contract type without validation beyond the JSON shape. */
    public <T> T read(String json, Class<T> type) {
        return parse(json, type);
    }

    public String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    public byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private <T> T parse(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    private FailureEvent checked(FailureEvent event) {
        List<Violation> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return truncated(event);
    }

    /**
     * Redacts secrets first (a secret cut in half by truncation would no longer be recognised), then truncates, and
     * notes in {@link FailureEvent#redactions()} what was redacted where.
     */
    private FailureEvent truncated(FailureEvent event) {
        var redactions = new java.util.LinkedHashMap<String, java.util.Map<String, Integer>>();
        Failure f = event.failure();
        Failure cut = new Failure(f.exitCode(), redact("failure.exceptionClass", f.exceptionClass(), redactions),
                Truncation.keepHead(f.message(), limits.maxMessageChars(),
                        text -> redact("failure.message", text, redactions)),
                Truncation.keepHeadAndTail(f.stackTrace(), limits.maxStackTraceChars(),
                        text -> redact("failure.stackTrace", text, redactions)),
                Truncation.keepTail(f.logTail(), limits.maxLogTailChars(),
                        text -> redact("failure.logTail", text, redactions)));
        Job job = event.job();
        var config = new java.util.TreeMap<String, String>();
        job.config().forEach((key, value) -> {
            SecretRedactor.Result r = redactor.redactConfigValue(key, value);
            if (r.redacted()) {
                redactions.put("job.config." + key, r.found());
            }
            config.put(key, r.text());
        });
        Job normalized = new Job(job.jobId(), job.runId(), job.attempt(), job.engine().strip().toLowerCase(java.util.Locale.ROOT),
                job.engineVersion(), job.owner(), job.scheduler(), job.tier(), config);
        // notes already there (an event read back from the store or passed on by an earlier hop) are kept
        var notes = new java.util.ArrayList<String>(event.redactions());
        redactions.forEach((field, found) -> {
            String note = field + ": " + new SecretRedactor.Result("", found).summary();
            if (!notes.contains(note)) {
                notes.add(note);
            }
        });
        return new FailureEvent(event.schemaVersion(), event.eventId(), event.occurredAt(), normalized, cut, event.metrics(),
                notes);
    }

    private String redact(String field, String text, java.util.Map<String, java.util.Map<String, Integer>> redactions) {
        SecretRedactor.Result r = redactor.redact(text);
        if (r.redacted()) {
            r.found().forEach((kind, n) -> redactions.computeIfAbsent(field, f -> new java.util.TreeMap<>())
                    .merge(kind, n, Integer::sum));
        }
        return r.text();
    }

    private static InvalidEventException malformed(JacksonException e) {
        String field = "$";
        if (e instanceof DatabindException de && !de.getPath().isEmpty()) {
            field = de.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        } else if (e instanceof InputCoercionException ce && ce.processor() != null) {
            // a number out of range of its field (e.g. an attempt of 1e20): the parser still knows where it was
            field = pathOf(ce.processor().streamReadContext());
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String what = e.getOriginalMessage();
        if (what != null) {
            // Jackson names the start of an unclosed object by a source location we keep hidden; it says nothing here
            what = what.replaceAll("(?s)\\s*\\(start marker at \\[Source: .*$", "");
        }
        if (what != null) {
            // Jackson quotes the offending token, which may be a secret
            what = SecretRedactor.DEFAULT.clean(what);
        }
        if (what != null && what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        return new InvalidEventException(field, "malformed JSON" + where + ": " + what, e);
    }

    /**
     * Jackson's UTF-8 decoder lets overlong forms (C0 AF for '/') and code points above U+10FFFF (decoded to lone
     * surrogates) through; the JDK's strict decoder does not. Checks in 8 KiB steps, so a 50 MB record costs no copy.
     */
    private static void requireUtf8(byte[] json) {
        if (isAscii(json)) {
            return; // the common case: nothing to decode
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(json);
        CharBuffer out = CharBuffer.allocate(8 * 1024);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(in, out, true);
        } while (result.isOverflow());
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (json[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new InvalidEventException(List.of(new Violation("$", "malformed JSON at line " + line + ", column "
                    + (offset - lineStart + 1) + ": invalid UTF-8 at byte offset " + offset)));
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String pathOf(TokenStreamContext context) {
        var parts = new java.util.ArrayDeque<String>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            parts.addFirst(c.inArray() ? "[" + c.getCurrentIndex() + "]" : String.valueOf(c.currentName()));
        }
        return parts.isEmpty() ? "$" : String.join(".", parts).replace(".[", "[");
    }
}
