package dev.autoremediate.remediator.metrics;

import dev.autoremediate.remediator.service.PublisherLease;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code autoremediate_outbox_lease_held}: 1 while this instance holds the outbox publisher lease (it publishes the
 * outbox), 0 while it is a standby. Read from memory, no query. Of several instances on one store the sum is 1; alert
 * when it stays 0 (nobody publishes) or exceeds 1.
 */
public final class OutboxLeaseMetrics {

    public OutboxLeaseMetrics(MeterRegistry registry, PublisherLease lease) {
        Gauge.builder("autoremediate.outbox.lease.held", lease, l -> l.held() ? 1 : 0)
                .description("1 while this instance holds the outbox publisher lease and publishes the outbox")
                .register(registry);
    }
}
