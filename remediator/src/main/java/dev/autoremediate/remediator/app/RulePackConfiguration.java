package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.rulepack.RuleHitMetrics;
import dev.autoremediate.remediator.rulepack.RulePackHealthIndicator;
import dev.autoremediate.remediator.rulepack.RulePackWatcher;
import dev.autoremediate.remediator.rulepack.RuleSuccessRates;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live rule pack: hot reload of {@code autoremediate.rules.dir}, the {@code rulePack} health component, per-rule
 * hit counters, and a periodic log line with the success rate of the retries each rule caused.
 */
@Configuration(proxyBeanMethods = false)
public class RulePackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RulePackConfiguration.class);

    @Bean(destroyMethod = "close")
    RulePackWatcher rulePackWatcher(AutoremediateProperties props, FailureClassifier classifier, Clock clock) {
        var rules = props.rules();
        var watcher = new RulePackWatcher(rules.dir(), classifier, rules.pollInterval(), rules.debounce(),
                rules.requirePassingCases(), clock);
        if (rules.watch()) {
            watcher.start();
        } else if (rules.dir() != null) {
            log.info("Rule pack directory {} is not watched (autoremediate.rules.watch=false)", rules.dir().toAbsolutePath());
        }
        return watcher;
    }

    /** Bean name {@code rulePackHealthIndicator}: the health component {@code rulePack}. */
    @Bean
    RulePackHealthIndicator rulePackHealthIndicator(RulePackWatcher watcher) {
        return new RulePackHealthIndicator(watcher);
    }

    @Bean
    RuleHitMetrics ruleHitMetrics(ObjectProvider<MeterRegistry> registry, FailureClassifier classifier) {
        var metrics = new RuleHitMetrics(registry.getIfAvailable(
                io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
        classifier.onRuleOutcome(metrics);
        return metrics;
    }

    @Bean
    RuleSuccessRates ruleSuccessRates(DataSource dataSource) {
        return new RuleSuccessRates(dataSource);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService ruleSuccessRateLogger(AutoremediateProperties props, RuleSuccessRates rates) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rule-success-rates");
            t.setDaemon(true);
            return t;
        });
        Duration every = props.rules().successRateLogInterval();
        if (every != null && !every.isZero() && !every.isNegative()) {
            executor.scheduleWithFixedDelay(() -> logRates(rates), every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return executor;
    }

    private static void logRates(RuleSuccessRates rates) {
        try {
            var all = rates.all();
            if (all.isEmpty()) {
                return;
            }
            log.info("Retry success rate per rule: {}", all.stream().map(r -> String.format(Locale.ROOT,
                    "%s %d/%d%s", r.ruleId(), r.succeeded(), r.finished(),
                    r.pending() > 0 ? " (+" + r.pending() + " pending)" : "")).collect(Collectors.joining(", ")));
        } catch (RuntimeException e) {
            log.warn("Cannot read the retry success rates: {}", e.toString());
        }
    }
}
