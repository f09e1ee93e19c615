package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Consumes {@code job-failures} a poll batch at a time: parses and validates each record and hands the valid events
 * to {@link FailureEventHandler#handleAll} together, so the handler can store the whole batch in one transaction.
 * The offsets are committed only after {@code handleAll} returned (the container's BATCH ack mode).
 *
 * <p>A bad record at index {@code i}: the valid events before it are handled first, then a
 * {@link BatchListenerFailedException} names record {@code i}; the error handler of {@link DeadLetters} commits the
 * records before it, dead-letters record {@code i} and delivers the rest again. A failure of {@code handleAll} is
 * reported against the batch's first record: retried with backoff (without limit when transient); if it is not
 * transient, the events are handled one by one to find the record at fault.
 */
public final class FailureEventBatchListener implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(FailureEventBatchListener.class);

    private final ContractCodec codec;
    private final FailureEventHandler handler;

    public FailureEventBatchListener(ContractCodec codec, FailureEventHandler handler) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        var events = new ArrayList<FailureEvent>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            FailureEvent event;
            try {
                event = codec.readFailureEvent(record.value());
            } catch (InvalidEventException e) {
                handle(events);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
            if (record.key() != null && !record.key().equals(event.job().jobId())) {
                log.warn("record key '{}' differs from job.jobId; the key should be the jobId so that one job's events "
                        + "stay in order ({}-{}@{})", abbreviate(record.key()), record.topic(), record.partition(),
                        record.offset());
            }
            events.add(event);
        }
        handle(events);
    }

    private void handle(List<FailureEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            handler.handleAll(events);
        } catch (TransientProcessingException e) {
            throw new BatchListenerFailedException(e.getMessage(), e, 0);
        } catch (RuntimeException e) {
            // find the record at fault: the events before it are handled (idempotently) again, one by one
            for (int i = 0; i < events.size(); i++) {
                try {
                    handler.handle(events.get(i));
                } catch (RuntimeException single) {
                    // the valid events are a prefix of the records: event i is record i
                    throw new BatchListenerFailedException(single.getMessage(), single, i);
                }
            }
            throw new BatchListenerFailedException(e.getMessage(), e, 0);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
