package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.codec.SecretRedactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handling of the {@code job-failures} consumer, built on spring-kafka's {@link DefaultErrorHandler} and
 * {@link DeadLetterPublishingRecoverer}:
 * <ul>
 *   <li>{@link InvalidEventException} (malformed JSON, failed validation): dead-lettered at once to
 *       {@code <topic>.DLT} with the reason in header {@value #REASON_HEADER} (besides spring-kafka's own
 *       {@code kafka_dlt-*} headers with the original topic, partition, offset and exception);</li>
 *   <li>{@link TransientProcessingException}: retried with exponential backoff without limit; the offset is not
 *       committed meanwhile, so nothing is lost while the store is down;</li>
 *   <li>anything else: retried {@code maxAttempts} times, then dead-lettered with the failure as the reason.</li>
 * </ul>
 * If the dead-letter topic cannot be written, the record is not committed and is retried. Secrets in a dead-lettered
 * record and in its reason are redacted ({@link SecretRedactor}); every other byte of the record is kept.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    public static final String DLT_SUFFIX = ".DLT";
    public static final String REASON_HEADER = "autoremediate-dlt-reason";

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, int maxAttempts, Duration maxBackOff) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(record.topic() + DLT_SUFFIX, -1)) {
            @Override
            protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                    TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
                ProducerRecord<Object, Object> out = super.createProducerRecord(record, topicPartition, headers, key, value);
                return new ProducerRecord<>(out.topic(), out.partition(), out.timestamp(), out.key(),
                        out.value() instanceof byte[] bytes ? redacted(bytes) : out.value(), out.headers());
            }
        };
        recoverer.addHeadersFunction(DeadLetters::reasonHeader);
        var bounded = new ExponentialBackOff(500, 2.0);
        bounded.setMaxAttempts(Math.max(0, maxAttempts - 1));
        var unbounded = new ExponentialBackOff(500, 2.0);
        unbounded.setMaxInterval(maxBackOff.toMillis());
        var handler = new DefaultErrorHandler((record, ex) -> {
            log.warn("Dead-lettering {}-{}@{} (key {}) to {}{}: {}", record.topic(), record.partition(), record.offset(),
                    record.key(), record.topic(), DLT_SUFFIX, abbreviate(reason(ex), 500));
            recoverer.accept(record, ex);
        }, bounded);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        handler.setBackOffFunction((record, ex) -> backOffFor(ex, unbounded, bounded));
        handler.setCommitRecovered(true);
        // the container would log the handler's "Seek to current after exception" at ERROR with a stack trace when a
        // record of a batch fails (a bad record: the records before it are committed and the rest sought back): the
        // dead-lettering line and the retry listener below say it, with the reason
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        handler.setRetryListeners((record, ex, deliveryAttempt) -> {
            // the first failure of a record, then every tenth: enough to see an outage without flooding the log
            if (deliveryAttempt == 1 || deliveryAttempt % 10 == 0) {
                log.warn("Delivery attempt {} of {}-{}@{} failed; it will be retried and is not committed: {}",
                        deliveryAttempt, record.topic(), record.partition(), record.offset(), abbreviate(reason(ex), 500));
            }
        });
        return handler;
    }

    private static BackOff backOffFor(Exception ex, BackOff unbounded, BackOff bounded) {
        return find(ex, TransientProcessingException.class) != null ? unbounded : bounded;
    }

    /** The reason a record was dead-lettered: the message of the root fault, with secrets redacted. */
    public static String reason(Exception ex) {
        InvalidEventException invalid = find(ex, InvalidEventException.class);
        if (invalid != null) {
            return invalid.getMessage();
        }
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return SecretRedactor.DEFAULT.clean("processing failed: " + root.getClass().getName() + ": " + root.getMessage());
    }

    /**
     * The record with its secrets redacted and every other byte kept, even where it is not UTF-8: the bytes are read
     * as ISO-8859-1 (one char per byte; the secrets looked for are ASCII) and written back the same way.
     */
    static byte[] redacted(byte[] value) {
        SecretRedactor.Result result = SecretRedactor.DEFAULT.redact(new String(value, StandardCharsets.ISO_8859_1));
        return result.redacted() ? result.text().getBytes(StandardCharsets.ISO_8859_1) : value;
    }

    private static Headers reasonHeader(ConsumerRecord<?, ?> record, Exception ex) {
        return new RecordHeaders().add(REASON_HEADER, abbreviate(reason(ex), 2_000).getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
