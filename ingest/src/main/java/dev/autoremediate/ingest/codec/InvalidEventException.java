package dev.autoremediate.ingest.codec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input that can never be processed: malformed JSON or a failed validation. Not retryable; the consumer
 * dead-letters the record with {@link #getMessage()} as the reason.
 */
public class InvalidEventException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidEventException(String field, String message, Throwable cause) {
        super(describe(List.of(new Violation(field, message))), cause);
        this.violations = List.of(new Violation(field, message));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return "invalid event: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
