package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.OutboxMessage;
import dev.autoremediate.remediator.store.StoredDecision;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.rules.RulePack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Decisions stored while Kafka cannot be reached stay in the outbox, and go out once, in order, when it can: the
 * store and the broker are real, the broker is simply not there at first.
 */
class OutboxPublisherIT {

    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    private static KafkaTemplate<String, byte[]> template(String bootstrap) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()));
    }

    @Test
    void messages_stored_while_kafka_is_unreachable_are_published_once_in_order_when_it_is_back() throws Exception {
        var ds = new DriverManagerDataSource("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        var store = new JdbcDecisionStore(ds, codec, Clock.systemUTC());
        var policy = new RemediationPolicy(PolicySettings.DEFAULT, Clock.systemUTC());
        var classifier = new FailureClassifier(RulePack.bundled());
        for (String job : List.of("o-1", "o-2", "o-3")) {
            FailureEvent event = FailureEvents.containerKilled(job);
            Decision d = policy.decide(event, classifier.classify(event), List.of(), true, JobHistory.NONE);
            store.insert(new StoredDecision(d, codec.write(event)),
                    List.of(OutboxMessage.pending("remediation-decisions", job, codec.write(d))));
        }

        int nobodyListens = InProcessKafkaBroker.freePort();
        var unreachable = new OutboxPublisher(store, template("127.0.0.1:" + nobodyListens), Clock.systemUTC(), 2_000);
        assertThat(unreachable.publishPending()).isZero();
        assertThat(store.unpublished(10)).hasSize(3);

        try (var broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("remediation-decisions", 1, (short) 1))).all().get();
            var reachable = new OutboxPublisher(store, template(broker.bootstrapServers()), Clock.systemUTC(), 10_000);

            assertThat(reachable.publishPending()).isEqualTo(3);
            assertThat(reachable.publishPending()).isZero();
            assertThat(store.unpublished(10)).isEmpty();
            List<String> published = TopicReader.readAll(broker.bootstrapServers(), "remediation-decisions", 3,
                    Duration.ofSeconds(30), Duration.ofSeconds(2)).stream()
                    .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), Decision.class).jobId())
                    .toList();
            assertThat(published).containsExactly("o-1", "o-2", "o-3");
        }
    }
}
