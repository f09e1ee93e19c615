package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.ingest.kafka.OpenLineageListener;
import dev.autoremediate.ingest.openlineage.OpenLineageMapper;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.service.OutcomeService;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The consumer of OpenLineage run events ({@code autoremediate.kafka.topics.openlineage}, default
 * {@code openlineage-events}; an empty value turns it off): FAIL events are decided like contract failure events,
 * COMPLETE events recorded like job outcomes, unmappable events dead-lettered to {@code <topic>.DLT}. The topic and its
 * dead-letter topic are created on start when missing, like the others.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${autoremediate.kafka.topics.openlineage:openlineage-events}'.trim().isEmpty()")
public class OpenLineageConfiguration {

    @Bean
    NewTopic openLineageTopic(KafkaBootstrap bootstrap, AutoremediateProperties props) {
        return topic(props.kafka().topics().openlineage(), bootstrap, props);
    }

    @Bean
    NewTopic openLineageDeadLetterTopic(KafkaBootstrap bootstrap, AutoremediateProperties props) {
        return topic(props.kafka().topics().openlineage() + DeadLetters.DLT_SUFFIX, bootstrap, props);
    }

    @Bean
    OpenLineageMapper openLineageMapper(ContractCodec codec) {
        return new OpenLineageMapper(codec);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> openLineageListenerContainer(
            ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafkaTemplate,
            OpenLineageMapper mapper, FailureDecisionService failures, OutcomeService outcomes,
            AutoremediateProperties props) {
        var kafka = props.kafka();
        var containerProps = new ContainerProperties(kafka.topics().openlineage().strip());
        containerProps.setGroupId(kafka.groupId());
        containerProps.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProps.setMessageListener(new OpenLineageListener(mapper, failures, outcomes));
        var container = new ConcurrentMessageListenerContainer<>(consumerFactory, containerProps);
        container.setConcurrency(kafka.concurrency());
        container.setCommonErrorHandler(DeadLetters.errorHandler(kafkaTemplate, kafka.maxProcessingAttempts(),
                kafka.maxBackOff()));
        return container;
    }

    private static NewTopic topic(String name, KafkaBootstrap bootstrap, AutoremediateProperties props) {
        var kafka = props.kafka();
        Optional<Short> replicas = kafka.replicationFactor() > 0 ? Optional.of(kafka.replicationFactor())
                : bootstrap.embedded() ? Optional.of((short) 1) : Optional.empty();
        return new NewTopic(name.strip(), Optional.of(kafka.partitions()), replicas);
    }
}
