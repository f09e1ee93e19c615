package dev.autoremediate.remediator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.scheduler.AirflowSchedulerClient;
import dev.autoremediate.remediator.scheduler.SchedulerRouter;
import dev.autoremediate.remediator.service.PublisherLease;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** {@code autoremediate.scheduler.*} as a user writes it, bound the way Spring Boot binds it, becomes adapters. */
class SchedulerConfigurationTest {

    private static AutoremediateProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("autoremediate", AutoremediateProperties.class);
    }

    private static SchedulerRouter router(AutoremediateProperties props) {
        // no connection is made until something is sent
        var kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), new StringSerializer(),
                new ByteArraySerializer()));
        return new SchedulerConfiguration().schedulerRouter(props, kafka, new ContractCodec(), Clock.systemUTC(),
                PublisherLease.sole());
    }

    @Test
    void with_nothing_configured_every_retry_goes_to_the_kafka_topic() {
        var props = bind(Map.of());

        SchedulerRouter router = router(props);

        assertThat(router.adapters()).containsOnlyKeys("kafka");
        assertThat(router.clientFor("airflow").name()).isEqualTo("kafka");
        assertThat(props.scheduler().delivery().maxAttempts()).isEqualTo(8);
        assertThat(props.scheduler().delivery().initialBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(props.scheduler().airflow().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void http_adapters_are_enabled_by_their_url_and_routes_send_other_schedulers_to_them() {
        var props = bind(Map.of(
                "autoremediate.scheduler.airflow.url", "http://airflow.example.com:8080",
                "autoremediate.scheduler.airflow.username", "autoremediate",
                "autoremediate.scheduler.airflow.password", "pw",
                "autoremediate.scheduler.airflow.mode", "clear-task",
                "autoremediate.scheduler.maestro.url", "https://maestro.example.com",
                "autoremediate.scheduler.webhook.url", "https://hooks.example.com/autoremediate",
                "autoremediate.scheduler.webhook.secret", "s",
                "autoremediate.scheduler.routes.oozie", "webhook",
                "autoremediate.scheduler.delivery.max-attempts", "3"));

        SchedulerRouter router = router(props);

        assertThat(router.adapters()).containsOnlyKeys("kafka", "airflow", "maestro", "webhook");
        assertThat(router.clientFor("airflow").name()).isEqualTo("airflow");
        assertThat(router.clientFor("maestro").name()).isEqualTo("maestro");
        assertThat(router.clientFor("oozie").name()).isEqualTo("webhook");
        assertThat(router.clientFor("luigi").name()).isEqualTo("kafka");
        assertThat(props.scheduler().delivery().maxAttempts()).isEqualTo(3);
    }

    @Test
    void a_misspelt_airflow_mode_or_default_adapter_stops_the_start() {
        assertThat(SchedulerConfiguration.airflowMode("clear_task")).isEqualTo(AirflowSchedulerClient.Mode.CLEAR_TASK);
        assertThatThrownBy(() -> SchedulerConfiguration.airflowMode("rerun")).hasMessageContaining("dag-run or clear-task");
        assertThatThrownBy(() -> router(bind(Map.of("autoremediate.scheduler.default-adapter", "airflow"))))
                .hasMessageContaining("airflow");
    }
}
