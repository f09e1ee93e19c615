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

    /**
     * The reason as one line: control characters of hostile input (a config key with a line break or a terminal
     * escape) are shown escaped, so the reason cannot forge log lines or drive a terminal.
     */
    private static String describe(List<Violation> violations) {
        String text = "invalid event: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        var sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
