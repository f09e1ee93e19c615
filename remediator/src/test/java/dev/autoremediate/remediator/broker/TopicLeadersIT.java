package dev.autoremediate.remediator.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicLeadersIT {

    @Test
    void waitsForTheLeadersOfNewTopicsAndGivesUpOnATopicThatIsNotThere(@TempDir Path dir) throws Exception {
        try (var broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("a", 3, (short) 1), new NewTopic("b", 2, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);

            assertThat(TopicLeaders.await(broker.bootstrapServers(), List.of("a", "b"), Duration.ofSeconds(60))).isTrue();
            admin.describeTopics(List.of("a", "b")).allTopicNames().get(10, TimeUnit.SECONDS).values()
                    .forEach(t -> assertThat(t.partitions()).allSatisfy(p -> assertThat(p.leader()).isNotNull()));

            long start = System.nanoTime();
            assertThat(TopicLeaders.await(broker.bootstrapServers(), List.of("a", "never-created"), Duration.ofSeconds(1)))
                    .isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
