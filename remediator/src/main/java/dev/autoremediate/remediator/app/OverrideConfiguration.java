package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.overrides.ConfigOverrideController;
import dev.autoremediate.remediator.overrides.ConfigOverrideService;
import dev.autoremediate.remediator.overrides.JdbcOverrideStore;
import dev.autoremediate.remediator.overrides.OverrideSettings;
import dev.autoremediate.remediator.overrides.OverrideStore;
import dev.autoremediate.remediator.store.DecisionStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the per-job config overrides (store, service, REST API). */
@Configuration(proxyBeanMethods = false)
public class OverrideConfiguration {

    static OverrideSettings overrideSettings(AutoremediateProperties.Overrides o) {
        var d = o.decay();
        return new OverrideSettings(d.enabled(), d.runs(), d.usageThreshold(), d.headroom(), d.stepFactor(),
                o.historyRuns());
    }

    @Bean
    OverrideSettings overrideSettings(AutoremediateProperties props) {
        return overrideSettings(props.overrides());
    }

    @Bean
    OverrideStore overrideStore(DataSource dataSource, ContractCodec codec) {
        return new JdbcOverrideStore(dataSource, codec);
    }

    @Bean
    ConfigOverrideService configOverrideService(OverrideStore store, DecisionStore decisions, ContractCodec codec,
            OverrideSettings settings, Clock clock) {
        return new ConfigOverrideService(store, decisions, codec, settings, clock);
    }

    @Bean
    ConfigOverrideController configOverrideController(ConfigOverrideService service) {
        return new ConfigOverrideController(service);
    }
}
