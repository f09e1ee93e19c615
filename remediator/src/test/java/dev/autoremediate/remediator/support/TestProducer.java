package dev.autoremediate.remediator.support;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A producer of raw records for the ITs, a send that waits for the broker's acknowledgement, and batches of failure
 * events.
 */
public final class TestProducer {

    private TestProducer() {
    }

    /**
     * Acknowledged by all replicas, one request in flight (a retried batch keeps its place) and not idempotent: an
     * idempotent producer whose first request meets a topic still being set up, or a broker just restarted, can have
     * it refused (NOT_LEADER_OR_FOLLOWER) while a later one is appended, and then refused as out of sequence until
     * its delivery times out (KAFKA-15591): the test would wait for events that never come.
     */
    public static KafkaProducer<String, byte[]> of(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    }

    public static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    /**
     * Sends {@code n} failure events of distinct jobs and runs ({@code <prefix>-job-<i>} from {@code from}), a mix of
     * retried and not retried failures, to {@code job-failures}, and waits until the broker acknowledged each.
     *
     * @return their event ids, in the order sent
     */
    public static List<String> sendFailures(String bootstrapServers, String prefix, int from, int n) throws Exception {
        var codec = new ContractCodec();
        var ids = new ArrayList<String>();
        var acks = new ArrayList<Future<?>>();
        try (var producer = of(bootstrapServers)) {
            for (int i = from; i < from + n; i++) {
                String job = prefix + "-job-" + i;
                FailureEvent event = switch (i % 4) {
                    case 0 -> FailureEvents.heapOom(job);
                    case 1 -> FailureEvents.containerKilled(job);
                    case 2 -> FailureEvents.tableNotFound(job);
                    default -> FailureEvents.s3SlowDown(job);
                };
                acks.add(producer.send(new ProducerRecord<>("job-failures", job, codec.writeBytes(event))));
                ids.add(event.eventId());
            }
            producer.flush();
            for (var ack : acks) {
                ack.get(60, TimeUnit.SECONDS); // a lost input would only show as a missing decision minutes later
            }
        }
        return ids;
    }
}
