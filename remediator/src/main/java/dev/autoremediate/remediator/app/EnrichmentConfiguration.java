package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.enrichment.EventEnricher;
import dev.autoremediate.remediator.enrichment.SparkHistoryEnricher;
import dev.autoremediate.remediator.enrichment.SparkHistorySettings;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Enrichment of failure events before they are decided: the Spark History Server when one is configured. */
@Configuration(proxyBeanMethods = false)
public class EnrichmentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentConfiguration.class);

    @Bean
    EventEnricher eventEnricher(AutoremediateProperties props, Clock clock) {
        var shs = props.enrichment().sparkHistory();
        if (shs.url() == null || shs.url().isBlank()) {
            return EventEnricher.NONE;
        }
        var settings = new SparkHistorySettings(URI.create(shs.url().strip()), shs.connectTimeout(), shs.timeout(),
                shs.cooldown());
        log.info("Spark failures without metrics are enriched from the Spark History Server at {} (budget {} per event)",
                settings.url(), settings.timeout());
        return new SparkHistoryEnricher(settings, clock);
    }
}
