package dev.autoremediate.remediator.scheduler;

import dev.autoremediate.ingest.codec.ContractCodec;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The default adapter: the RetryCommand JSON on the command topic ({@code job-retry-commands}, key = jobId), for a
 * scheduler that consumes it. Idempotent through the command's {@code commandId}, which consumers use to run a
 * retry once. A send that fails is retryable: the broker is the service's own infrastructure, so the outbox keeps
 * such a command pending without limit rather than counting attempts.
 */
public final class KafkaSchedulerClient implements SchedulerClient {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final ContractCodec codec;
    private final long sendTimeoutMillis;

    public KafkaSchedulerClient(KafkaTemplate<String, byte[]> kafka, String topic, ContractCodec codec,
            long sendTimeoutMillis) {
        this.kafka = kafka;
        this.topic = topic;
        this.codec = codec;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    @Override
    public String name() {
        return "kafka";
    }

    public String topic() {
        return topic;
    }

    @Override
    public DeliveryResult deliver(RetryRequest request) {
        return send(request.command().jobId(), codec.writeBytes(request.command()));
    }

    /** Starts sending an already serialised command; the caller awaits the acknowledgement (batched publishing). */
    public java.util.concurrent.CompletableFuture<?> sendAsync(String key, byte[] payload) {
        return kafka.send(topic, key, payload);
    }

    /** Sends an already serialised command (the outbox's payload, byte for byte). */
    public DeliveryResult send(String key, byte[] payload) {
        try {
            var result = kafka.send(topic, key, payload).get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
            return DeliveryResult.delivered("Kafka " + topic + "-" + result.getRecordMetadata().partition() + "@"
                    + result.getRecordMetadata().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted while sending to " + topic);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return DeliveryResult.retryable("Kafka " + topic + ": " + cause);
        }
    }
}
