package dev.autoremediate.remediator.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The broker: UP when the cluster answers a describe within the timeout, with its node count and whether it is embedded. */
public final class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Map<String, Object> adminConfig;
    private final boolean embedded;
    private final Duration timeout;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, boolean embedded, Duration timeout) {
        super("Kafka health check failed");
        this.adminConfig = Map.copyOf(adminConfig);
        this.embedded = embedded;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try (AdminClient admin = AdminClient.create(adminConfig)) {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up().withDetail("clusterId", id).withDetail("nodes", nodes).withDetail("embedded", embedded);
        }
    }
}
