package dev.autoremediate.remediator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.support.ServiceProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The decision store becomes unreachable (every new connection is refused) while a failure event arrives: the event
 * is not committed, not dead-lettered and not decided; once the store is back it is decided exactly once and only then
 * committed. The broker and the database are real; only the connection to the database is cut.
 */
@SpringBootTest(classes = {AutoremediateApplication.class, StoreOutageIT.Outage.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StoreOutageIT {

    private static final Path DIR;
    private static final InProcessKafkaBroker broker;
    private static final AtomicBoolean storeDown = new AtomicBoolean();

    static {
        DIR = TempDirs.create("store-outage-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "store-outage");
        registry.add("autoremediate.kafka.max-back-off", () -> "1s");
    }

    /** Cuts the service's connections to its (real) database while {@link #storeDown} is set. */
    @TestConfiguration
    static class Outage {
        @Bean
        static BeanPostProcessor cuttableDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource ds) || !name.equals("dataSource")) {
                        return bean;
                    }
                    return new DelegatingDataSource(ds) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            if (storeDown.get()) {
                                throw new SQLTransientConnectionException("test: the database is unreachable");
                            }
                            return super.getConnection();
                        }
                    };
                }
            };
        }
    }

    @Autowired
    DecisionStore store;

    private final ContractCodec codec = new ContractCodec();

    @Test
    void an_event_that_arrives_while_the_store_is_down_is_neither_committed_nor_lost_nor_decided_twice() throws Exception {
        FailureEvent event = FailureEvents.heapOom("outage-job");
        storeDown.set(true);
        RecordMetadata sent;
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            sent = producer.send(new ProducerRecord<>("job-failures", event.job().jobId(), codec.writeBytes(event)))
                    .get(10, TimeUnit.SECONDS);
        }
        var partition = new TopicPartition(sent.topic(), sent.partition());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // several delivery attempts fail while the store is down (backoff 0.5 s, 1 s, 1 s, ...)
            Thread.sleep(5_000);
            assertThat(committed(admin, partition)).as("committed offset while the store is down")
                    .isLessThanOrEqualTo(sent.offset());
            assertThat(TopicReader.readAll(broker.bootstrapServers(), "job-failures" + DeadLetters.DLT_SUFFIX, 1,
                    Duration.ofSeconds(2), Duration.ZERO)).isEmpty();

            storeDown.set(false);

            await().atMost(Duration.ofSeconds(30)).until(() -> store.findByEventId(event.eventId()).isPresent());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(committed(admin, partition)).isEqualTo(end(admin, partition)));
            assertThat(store.count()).isEqualTo(1);
            assertThat(TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands", 1, Duration.ofSeconds(20),
                    Duration.ofSeconds(2))).hasSize(1);
        }
    }

    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets("autoremediate").partitionsToOffsetAndMetadata().get()
                .get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private static long end(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
    }
}
