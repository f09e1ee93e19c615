package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;

/**
 * Consumes {@code job-failures}: parses and validates each record with the contract codec and hands the event to
 * the handler. A record that cannot be parsed or validated throws
 * {@link dev.autoremediate.ingest.codec.InvalidEventException}, which the error handler of {@link DeadLetters}
 * sends to the dead-letter topic without retrying.
 */
public final class FailureEventListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(FailureEventListener.class);

    private final ContractCodec codec;
    private final FailureEventHandler handler;

    public FailureEventListener(ContractCodec codec, FailureEventHandler handler) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        FailureEvent event = codec.readFailureEvent(record.value());
        try (var eventId = MDC.putCloseable("eventId", event.eventId());
                var jobId = MDC.putCloseable("jobId", event.job().jobId())) {
            if (record.key() != null && !record.key().equals(event.job().jobId())) {
                log.warn("record key '{}' differs from job.jobId; the key should be the jobId so that one job's events "
                        + "stay in order ({}-{}@{})", abbreviate(record.key()), record.topic(), record.partition(),
                        record.offset());
            }
            handler.handle(event);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
