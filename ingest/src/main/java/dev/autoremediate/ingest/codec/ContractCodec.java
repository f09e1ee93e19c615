package dev.autoremediate.ingest.codec;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec of contract v1. Unknown fields are ignored; instants are ISO-8601 text; a failure event is
 * validated and its text truncated on the way in. Thread-safe; build one and share it.
 */
public final class ContractCodec {

    private final JsonMapper mapper;
    private final TextLimits limits;
    private final FailureEventValidator validator = new FailureEventValidator();

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

    /** Parses, validates and truncates a failure event. */
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
        try {
            return checked(mapper.readValue(json, FailureEvent.class));
        } catch (JacksonException e) {
            throw malformed(e);
        }
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

    private FailureEvent truncated(FailureEvent event) {
        Failure f = event.failure();
        Failure cut = new Failure(f.exitCode(), f.exceptionClass(),
                Truncation.keepHead(f.message(), limits.maxMessageChars()),
                Truncation.keepHeadAndTail(f.stackTrace(), limits.maxStackTraceChars()),
                Truncation.keepTail(f.logTail(), limits.maxLogTailChars()));
        Job job = event.job();
        Job normalized = new Job(job.jobId(), job.runId(), job.attempt(), job.engine().strip().toLowerCase(java.util.Locale.ROOT),
                job.engineVersion(), job.owner(), job.scheduler(), job.tier(), job.config());
        return new FailureEvent(event.schemaVersion(), event.eventId(), event.occurredAt(), normalized, cut, event.metrics());
    }

    private static InvalidEventException malformed(JacksonException e) {
        String field = "$";
        if (e instanceof DatabindException de && !de.getPath().isEmpty()) {
            field = de.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String what = e.getOriginalMessage();
        if (what != null && what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        return new InvalidEventException(field, "malformed JSON" + where + ": " + what, e);
    }
}
