package dev.autoremediate.remediator.support;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A producer of raw records for the ITs, and a send that waits for the broker's acknowledgement. */
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
}
