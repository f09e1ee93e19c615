package dev.autoremediate.remediator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.support.TopicReader;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.support.ServiceProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The global rate limit through the broker: with 3 automatic retries allowed per hour, a burst of 8 retryable
 * failures gives 3 retries with a command each and 5 decisions PENDING_APPROVAL without a command, with the reason.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GuardRailsIT {

    private static final Path DIR;
    private static final InProcessKafkaBroker broker;

    static {
        DIR = TempDirs.create("guard-rails-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "guard-rails");
        registry.add("autoremediate.policy.rate-limit.limit-for-period", () -> "3");
        registry.add("autoremediate.policy.rate-limit.refresh-period", () -> "1h");
    }

    @Autowired
    DecisionStore store;

    private final ContractCodec codec = new ContractCodec();

    @Test
    void beyond_the_rate_limit_retries_wait_for_approval_and_send_no_command() throws Exception {
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 8; i++) {
                var event = FailureEvents.s3SlowDown("guard-" + i);
                producer.send(new ProducerRecord<>("job-failures", event.job().jobId(), codec.writeBytes(event)))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> store.count() == 8);

        List<Decision> decisions = store.recent(8);
        assertThat(decisions).filteredOn(d -> d.status() == DecisionStatus.APPLIED).hasSize(3);
        assertThat(decisions).filteredOn(d -> d.status() == DecisionStatus.PENDING_APPROVAL).hasSize(5)
                .allSatisfy(d -> assertThat(d.action().reason())
                        .contains("held for approval: global rate limit of automatic actions reached (3 per 1h)"));
        List<RetryCommand> commands = TopicReader.readAll(broker.bootstrapServers(), "job-retry-commands", 3,
                        Duration.ofSeconds(30), Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class)).toList();
        assertThat(commands).extracting(RetryCommand::decisionId).containsExactlyInAnyOrderElementsOf(
                decisions.stream().filter(d -> d.status() == DecisionStatus.APPLIED).map(Decision::decisionId).toList());
    }
}
