package dev.autoremediate.ingest.kafka;

/**
 * A fault that will pass (the store or the broker is unreachable): the record is retried with backoff until it
 * succeeds, its offset is not committed meanwhile, and it is never dead-lettered.
 */
public class TransientProcessingException extends RuntimeException {

    public TransientProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
