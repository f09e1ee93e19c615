package dev.autoremediate.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

class FailureEventBatchListenerTest {

    private final ContractCodec codec = new ContractCodec();
    private final List<List<String>> calls = new ArrayList<>();

    private final FailureEventHandler handler = new FailureEventHandler() {
        @Override
        public void handle(FailureEvent event) {
            calls.add(List.of(event.eventId()));
        }

        @Override
        public void handleAll(List<FailureEvent> events) {
            calls.add(events.stream().map(FailureEvent::eventId).toList());
        }
    };

    private static ConsumerRecord<String, byte[]> record(int offset, String json) {
        return new ConsumerRecord<>("job-failures", 0, offset, "j", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String valid(String id) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-11-22T10:15:30Z\","
                + "\"job\":{\"jobId\":\"j\",\"runId\":\"j/" + id + "\",\"attempt\":1,\"engine\":\"spark\"},"
                + "\"failure\":{\"exitCode\":137}}";
    }

    @Test
    void a_batch_of_valid_events_is_handed_over_in_one_call() {
        new FailureEventBatchListener(codec, handler).onMessage(List.of(record(0, valid("a")), record(1, valid("b"))));

        assertThat(calls).containsExactly(List.of("a", "b"));
    }

    @Test
    void the_events_before_a_bad_record_are_handled_then_the_bad_record_is_named_for_the_dead_letter_topic() {
        var listener = new FailureEventBatchListener(codec, handler);

        BatchListenerFailedException e = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onMessage(List.of(record(0, valid("a")), record(1, valid("b")), record(2, "{oops"),
                        record(3, valid("d")))));

        assertThat(calls).containsExactly(List.of("a", "b"));
        assertThat(e.getIndex()).isEqualTo(2);
        assertThat(e.getCause()).isInstanceOf(InvalidEventException.class);
        assertThat(DeadLetters.reason(e)).startsWith("invalid event: $: malformed JSON");
    }

    @Test
    void a_transient_fault_of_the_batch_is_retried_from_its_first_record() {
        FailureEventHandler down = event -> {
            throw new TransientProcessingException("store down", null);
        };

        BatchListenerFailedException e = catchThrowableOfType(BatchListenerFailedException.class,
                () -> new FailureEventBatchListener(codec, down).onMessage(List.of(record(0, valid("a")))));

        assertThat(e.getIndex()).isZero();
        assertThat(e.getCause()).isInstanceOf(TransientProcessingException.class);
    }
}
