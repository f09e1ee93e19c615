package dev.autoremediate.remediator.metrics;

import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.store.OutboxLease;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The decision store: UP when it answers, with the number of decisions and of outbox messages still waiting to be
 * published, and the age of the oldest one (a growing age means Kafka is not taking them). With several instances on
 * one store, {@code outboxPublisher} says whether this one publishes the outbox ({@code LEADER}: it holds the publisher
 * lease) or waits to take over ({@code STANDBY}), {@code outboxLeaseHolderId} names this instance and
 * {@code outboxLeaseHeldBy} the instance the store names as holder ({@code none} while nobody holds it).
 */
public final class StoreHealthIndicator extends AbstractHealthIndicator {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PublisherLease lease;

    public StoreHealthIndicator(DataSource dataSource, Clock clock, PublisherLease lease) {
        super("Decision store health check failed");
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.lease = lease;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long decisions = jdbc.sql("select count(*) from decision").query(Long.class).single();
        long waiting = jdbc.sql("select count(*) from outbox where published_at is null").query(Long.class).single();
        var oldest = jdbc.sql("select min(created_at) from outbox where published_at is null").query(Timestamp.class)
                .optional();
        builder.up().withDetail("decisions", decisions).withDetail("outboxWaiting", waiting);
        oldest.ifPresent(ts -> builder.withDetail("oldestWaitingSeconds",
                Duration.between(ts.toInstant(), clock.instant()).toSeconds()));
        builder.withDetail("outboxPublisher", lease.role().name())
                .withDetail("outboxLeaseHolderId", lease.holderId())
                .withDetail("outboxLeaseHeldBy", lease.currentHolder().map(OutboxLease.Holder::holder).orElse("none"));
    }
}
