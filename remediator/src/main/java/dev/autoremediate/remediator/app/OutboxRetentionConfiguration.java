package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.metrics.OutboxRetentionMetrics;
import dev.autoremediate.remediator.service.OutboxRetentionSweeper;
import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.store.OutboxRetention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbox payload retention ({@code autoremediate.outbox.retention}, {@code retention-sweep-interval}): the sweeper
 * that clears the payloads of delivered outbox messages, on a thread of its own, and its counter.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxRetentionConfiguration {

    /** The first sweep runs this long after start (or after one interval, if that is shorter). */
    static final Duration FIRST_SWEEP = Duration.ofMinutes(1);

    @Bean(destroyMethod = "close")
    OutboxRetentionSweeper outboxRetentionSweeper(DataSource dataSource, PublisherLease publisherLease, Clock clock,
            AutoremediateProperties props) {
        var outbox = props.outbox();
        var sweeper = new OutboxRetentionSweeper(new OutboxRetention(dataSource), publisherLease, clock,
                outbox.retention(), OutboxRetentionSweeper.DEFAULT_BATCH);
        Duration interval = outbox.retentionSweepInterval();
        sweeper.start(interval.compareTo(FIRST_SWEEP) < 0 ? interval : FIRST_SWEEP, interval);
        return sweeper;
    }

    @Bean
    OutboxRetentionMetrics outboxRetentionMetrics(ObjectProvider<MeterRegistry> registry,
            OutboxRetentionSweeper sweeper) {
        return new OutboxRetentionMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), sweeper);
    }
}
