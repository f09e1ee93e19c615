package dev.autoremediate.ingest.kafka;

import dev.autoremediate.ingest.openlineage.OpenLineageMapper;
import dev.autoremediate.ingest.openlineage.OpenLineageMapping;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;

/**
 * Consumes a topic of OpenLineage run events (e.g. {@code openlineage-events}, where Spark's and Airflow's OpenLineage
 * Kafka transport publish): a FAIL event goes to the {@link FailureEventHandler} as a failure event, a COMPLETE event
 * to the {@link JobOutcomeHandler} as a successful outcome, and every other event is skipped with a DEBUG line (its
 * offset is committed like any handled record). An event that cannot be mapped throws
 * {@link dev.autoremediate.ingest.codec.InvalidEventException}, which the error handler of {@link DeadLetters} sends to
 * {@code <topic>.DLT} with the reason.
 */
public final class OpenLineageListener implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(OpenLineageListener.class);

    private final OpenLineageMapper mapper;
    private final FailureEventHandler failures;
    private final JobOutcomeHandler outcomes;

    public OpenLineageListener(OpenLineageMapper mapper, FailureEventHandler failures, JobOutcomeHandler outcomes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        OpenLineageMapping mapping = mapper.map(record.value());
        if (mapping instanceof OpenLineageMapping.Failed failed) {
            var event = failed.event();
            try (var eventId = MDC.putCloseable("eventId", event.eventId());
                    var jobId = MDC.putCloseable("jobId", event.job().jobId())) {
                failures.handle(event);
            }
        } else if (mapping instanceof OpenLineageMapping.Completed completed) {
            try (var jobId = MDC.putCloseable("jobId", completed.outcome().jobId())) {
                outcomes.handle(completed.outcome());
            }
        } else if (mapping instanceof OpenLineageMapping.Ignored ignored) {
            if (log.isDebugEnabled()) {
                log.debug("Skipped OpenLineage {} event {}-{}@{}: {}", ignored.eventType(), record.topic(),
                        record.partition(), record.offset(), ignored.reason());
            }
        }
    }
}
