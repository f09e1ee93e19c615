package dev.autoremediate.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.codec.Violation;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class DeadLettersTest {

    @Test
    void the_reason_of_an_invalid_event_is_its_validation_message_even_when_wrapped() {
        var invalid = new InvalidEventException(List.of(new Violation("job.runId", "is required")));
        var wrapped = new ListenerExecutionFailedException("Listener failed", invalid);

        assertThat(DeadLetters.reason(wrapped)).isEqualTo("invalid event: job.runId: is required");
    }

    @Test
    void the_reason_of_another_failure_names_the_root_cause() {
        var root = new IllegalStateException("rule pack exploded");
        var wrapped = new ListenerExecutionFailedException("Listener failed", new RuntimeException("outer", root));

        assertThat(DeadLetters.reason(wrapped))
                .isEqualTo("processing failed: java.lang.IllegalStateException: rule pack exploded");
    }

    @Test
    void the_listener_hands_valid_events_to_the_handler_and_rejects_invalid_ones_without_calling_it() {
        var codec = new ContractCodec();
        var handled = new ArrayList<FailureEvent>();
        var listener = new FailureEventListener(codec, handled::add);
        String valid = """
                {"schemaVersion":1,"eventId":"e-1","occurredAt":"2026-11-22T10:15:30Z",
                 "job":{"jobId":"j","runId":"j/1","attempt":1,"engine":"Spark"},
                 "failure":{"exitCode":137}}""";

        listener.onMessage(new ConsumerRecord<>("job-failures", 0, 0L, "j", valid.getBytes(StandardCharsets.UTF_8)));
        ThrowableAssert.ThrowingCallable invalid = () -> listener.onMessage(new ConsumerRecord<>("job-failures", 0, 1L,
                "j", "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(handled).extracting(FailureEvent::eventId).containsExactly("e-1");
        assertThat(handled.get(0).job().engine()).isEqualTo("spark");
        org.assertj.core.api.Assertions.assertThatThrownBy(invalid).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("eventId");
        assertThat(handled).hasSize(1);
    }
}
