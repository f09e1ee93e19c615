package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.metrics.DecisionRetentionMetrics;
import dev.autoremediate.remediator.review.MissingDecisions;
import dev.autoremediate.remediator.service.DecisionRetentionSweeper;
import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.store.DecisionRetention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decision retention ({@code autoremediate.decision.retention}, {@code retention-sweep-interval}; off by default): the
 * sweeper that deletes old settled decisions, on a thread of its own (started only with a retention), its counter,
 * and the store's record of what was deleted (for the 404 of a decision that is gone).
 */
@Configuration(proxyBeanMethods = false)
public class DecisionRetentionConfiguration {

    /** The first sweep runs this long after start (or after one interval, if that is shorter). */
    static final Duration FIRST_SWEEP = Duration.ofMinutes(2);

    @Bean
    DecisionRetention decisionRetention(DataSource dataSource) {
        return new DecisionRetention(dataSource);
    }

    @Bean
    MissingDecisions missingDecisions(DecisionRetention decisionRetention, AutoremediateProperties props) {
        return new MissingDecisions(decisionRetention, props.decision().retention());
    }

    @Bean(destroyMethod = "close")
    DecisionRetentionSweeper decisionRetentionSweeper(DecisionRetention decisionRetention,
            PublisherLease publisherLease, Clock clock, AutoremediateProperties props) {
        var decision = props.decision();
        var sweeper = new DecisionRetentionSweeper(decisionRetention, publisherLease, clock, decision.retention(),
                DecisionRetentionSweeper.DEFAULT_BATCH);
        Duration interval = decision.retentionSweepInterval();
        sweeper.start(interval.compareTo(FIRST_SWEEP) < 0 ? interval : FIRST_SWEEP, interval);
        return sweeper;
    }

    @Bean
    DecisionRetentionMetrics decisionRetentionMetrics(ObjectProvider<MeterRegistry> registry,
            DecisionRetentionSweeper sweeper) {
        return new DecisionRetentionMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), sweeper);
    }
}
