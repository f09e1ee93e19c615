package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;

/**
 * Consumes {@code job-outcomes}: parses and validates each record and hands the outcome to the handler. A record
 * that cannot be parsed or validated throws {@link dev.autoremediate.ingest.codec.InvalidEventException}, which the
 * error handler of {@link DeadLetters} sends to the dead-letter topic with its reason.
 */
public final class JobOutcomeListener implements MessageListener<String, byte[]> {

    private final ContractCodec codec;
    private final JobOutcomeHandler handler;

    public JobOutcomeListener(ContractCodec codec, JobOutcomeHandler handler) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        JobOutcome outcome = codec.readJobOutcome(record.value());
        try (var jobId = MDC.putCloseable("jobId", outcome.jobId())) {
            handler.handle(outcome);
        }
    }
}
