package dev.autoremediate.remediator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerRouterTest {

    private record Named(String name) implements SchedulerClient {
        @Override
        public DeliveryResult deliver(RetryRequest request) {
            return DeliveryResult.delivered(name);
        }
    }

    private final List<SchedulerClient> adapters = List.of(new Named("kafka"), new Named("maestro"), new Named("webhook"));

    @Test
    void a_job_goes_to_the_adapter_named_like_its_scheduler_else_to_the_default() {
        var router = new SchedulerRouter(adapters, Map.of(), "kafka");

        assertThat(router.clientFor("maestro").name()).isEqualTo("maestro");
        assertThat(router.clientFor("airflow").name()).isEqualTo("kafka");
        assertThat(router.clientFor("").name()).isEqualTo("kafka");
        assertThat(router.clientFor(Requests.retry("Maestro", "j", "j/1/s", Map.of())).name()).isEqualTo("maestro");
    }

    @Test
    void an_explicit_route_wins() {
        var router = new SchedulerRouter(adapters, Map.of("Oozie", "webhook", "maestro", "kafka"), "maestro");

        assertThat(router.clientFor("oozie").name()).isEqualTo("webhook");
        assertThat(router.clientFor("maestro").name()).isEqualTo("kafka");
        assertThat(router.clientFor("luigi").name()).isEqualTo("maestro");
    }

    @Test
    void routes_and_defaults_that_name_an_unconfigured_adapter_fail_at_start() {
        assertThatThrownBy(() -> new SchedulerRouter(adapters, Map.of(), "airflow"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("airflow")
                .hasMessageContaining("needs its url");
        assertThatThrownBy(() -> new SchedulerRouter(adapters, Map.of("oozie", "airflw"), "kafka"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("routes.oozie=airflw");
    }

    @Test
    void the_only_adapter_is_known_only_when_there_is_just_one() {
        var kafka = new Named("kafka");

        assertThat(new SchedulerRouter(List.of(kafka), Map.of(), "kafka").onlyAdapter()).isSameAs(kafka);
        assertThat(new SchedulerRouter(adapters, Map.of(), "kafka").onlyAdapter()).isNull();
    }
}
