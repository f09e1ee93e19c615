package dev.autoremediate.remediator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code autoremediate.decision.*} as a user writes it, bound the way Spring Boot binds it at start. */
class DecisionRetentionPropertiesTest {

    private static AutoremediateProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("autoremediate", AutoremediateProperties.class);
    }

    @Test
    void unset_the_retention_is_off_and_every_decision_is_kept() {
        var decision = bind(Map.of()).decision();
        assertThat(decision.retention()).isNull();
        assertThat(decision.retentionSweepInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_retention_of_days_and_an_interval_are_read_as_written() {
        var decision = bind(Map.of("autoremediate.decision.retention", "90d",
                "autoremediate.decision.retention-sweep-interval", "15m")).decision();
        assertThat(decision.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(decision.retentionSweepInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(bind(Map.of("autoremediate.decision.retention", "1d")).decision().retention())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void a_retention_under_a_day_stops_the_start_with_a_message_that_says_what_to_set() {
        assertThatThrownBy(() -> bind(Map.of("autoremediate.decision.retention", "12h")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessage("autoremediate.decision.retention must be at least 1d (e.g. 90d), or unset to "
                        + "keep every decision: was PT12H");
        assertThatThrownBy(() -> bind(Map.of("autoremediate.decision.retention-sweep-interval", "0s")))
                .rootCause().hasMessageContaining("autoremediate.decision.retention-sweep-interval must be positive");
    }
}
