package dev.autoremediate.remediator.broker;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Waits until every partition of some topics has a leader. An idempotent producer whose first request meets a
 * partition of a topic still being set up can have it refused (NOT_LEADER_OR_FOLLOWER) while a later request is
 * appended; the first is then refused as out of sequence until its delivery times out (KAFKA-15591, not fixed in
 * Kafka 4.2). Producing only once the leaders are there avoids that.
 */
public final class TopicLeaders {

    private TopicLeaders() {
    }

    /**
     * @return true when every partition of {@code topics} has a leader, false when {@code timeout} passed first
     */
    public static boolean await(String bootstrapServers, Collection<String> topics, Duration timeout)
            throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                if (haveLeaders(admin, topics)) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean haveLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .allMatch(t -> !t.partitions().isEmpty()
                            && t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
            return false; // e.g. a topic not created yet
        }
    }
}
