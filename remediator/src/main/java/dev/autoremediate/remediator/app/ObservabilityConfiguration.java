package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.metrics.DecisionMetrics;
import dev.autoremediate.remediator.metrics.GuardHealthIndicator;
import dev.autoremediate.remediator.metrics.GuardMetrics;
import dev.autoremediate.remediator.metrics.KafkaHealthIndicator;
import dev.autoremediate.remediator.metrics.OutboxLeaseMetrics;
import dev.autoremediate.remediator.metrics.StoreHealthIndicator;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.review.DecisionQueries;
import dev.autoremediate.remediator.service.PublisherLease;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Metrics and health: decision meters (see {@link DecisionMetrics}), health of the broker ({@code kafka}) and of the
 * decision store ({@code store}, with the role of this instance's outbox publisher; {@link OutboxLeaseMetrics}), the
 * guard rails of automatic actions ({@code guard}, {@link GuardMetrics}). Kafka
 * client metrics (consumer lag {@code kafka_consumer_fetch_manager_records_lag*}) are bound in
 * {@link KafkaConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    DecisionMetrics decisionMetrics(ObjectProvider<MeterRegistry> registry, Clock clock, DecisionQueries queries) {
        return new DecisionMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), clock, queries::countByStatus);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, KafkaBootstrap bootstrap) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), bootstrap.embedded(), Duration.ofSeconds(5));
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(DataSource dataSource, Clock clock, PublisherLease lease) {
        return new StoreHealthIndicator(dataSource, clock, lease);
    }

    @Bean
    OutboxLeaseMetrics outboxLeaseMetrics(ObjectProvider<MeterRegistry> registry, PublisherLease lease) {
        return new OutboxLeaseMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), lease);
    }

    @Bean
    GuardHealthIndicator guardHealthIndicator(AutomaticActionGuard guard) {
        return new GuardHealthIndicator(guard);
    }

    @Bean
    GuardMetrics guardMetrics(ObjectProvider<MeterRegistry> registry, AutomaticActionGuard guard) {
        return new GuardMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), guard);
    }
}
