package dev.autoremediate.remediator.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The OpenLineage consumer is on by default and off when its topic is set empty. */
class OpenLineageConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(OpenLineageConfiguration.class);

    @Test
    void an_empty_topic_turns_the_consumer_off() {
        for (String empty : new String[] {"", "  "}) {
            runner.withPropertyValues("autoremediate.kafka.topics.openlineage=" + empty).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(OpenLineageConfiguration.class);
                assertThat(context).doesNotHaveBean("openLineageListenerContainer");
            });
        }
    }

    @Test
    void without_a_setting_or_with_a_topic_the_consumer_is_configured() {
        for (String[] properties : new String[][] {{}, {"autoremediate.kafka.topics.openlineage=lineage.runs"}}) {
            runner.withPropertyValues(properties).run(context -> {
                // it is active: its beans are created and ask for the Kafka wiring, absent from this bare context
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasMessageContaining("OpenLineageConfiguration")
                        .hasMessageContaining("KafkaBootstrap");
            });
        }
    }
}
