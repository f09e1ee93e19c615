package dev.autoremediate.ingest.codec;

/** One thing wrong with an input: the field (a JSON path such as {@code job.attempt}) and what to fix. */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
