package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.kafka.DeadLetters;
import dev.autoremediate.ingest.kafka.FailureEventBatchListener;
import dev.autoremediate.ingest.kafka.JobOutcomeListener;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.broker.TopicLeaders;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.service.OutboxPublisher;
import dev.autoremediate.remediator.service.OutcomeService;
import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.service.RetryDelivery;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.OutboxLease;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Kafka wiring: where the broker is (or starting the in-process one), the topics, the producer of the outbox and of
 * the dead-letter topic, and the consumer containers of {@code job-failures} and {@code job-outcomes}. Spring Boot's own Kafka
 * auto-configuration is off; everything Kafka is here.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean(destroyMethod = "close")
    KafkaBootstrap kafkaBootstrap(AutoremediateProperties props) {
        var kafka = props.kafka();
        if (!kafka.embedded()) {
            return new KafkaBootstrap(kafka.bootstrapServers(), null);
        }
        var broker = InProcessKafkaBroker.start(props.dataDir().resolve("kafka"), kafka.embeddedPort());
        return new KafkaBootstrap(broker.bootstrapServers(), broker);
    }

    @Bean
    KafkaAdmin kafkaAdmin(KafkaBootstrap bootstrap, AutoremediateProperties props) {
        var admin = new KafkaAdmin(clientProperties(bootstrap, props));
        admin.setFatalIfBrokerNotAvailable(true);
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics autoremediateTopics(KafkaBootstrap bootstrap, AutoremediateProperties props) {
        var kafka = props.kafka();
        Optional<Short> replicas = kafka.replicationFactor() > 0 ? Optional.of(kafka.replicationFactor())
                : bootstrap.embedded() ? Optional.of((short) 1) : Optional.empty();
        Optional<Integer> partitions = Optional.of(kafka.partitions());
        return new KafkaAdmin.NewTopics(topicNames(props).stream()
                .map(name -> new NewTopic(name, partitions, replicas)).toArray(NewTopic[]::new));
    }

    /** The topics the service creates: what it consumes, produces and dead-letters. */
    static List<String> topicNames(AutoremediateProperties props) {
        var topics = props.kafka().topics();
        return List.of(topics.failures(), topics.failures() + DeadLetters.DLT_SUFFIX, topics.decisions(),
                topics.retryCommands(), topics.outcomes(), topics.outcomes() + DeadLetters.DLT_SUFFIX);
    }

    /**
     * The service's topics may have just been created (always with the in-process broker; on another broker when they
     * were missing): the service waits until their partitions have leaders before its consumers and its outbox start
     * producing ({@link TopicLeaders}: an idempotent producer racing a topic's set-up can stall its first batch for the
     * delivery timeout). Topics that are there already answer at once.
     */
    @Bean
    SmartLifecycle topicsReady(KafkaBootstrap bootstrap, AutoremediateProperties props,
            KafkaAdmin.NewTopics topicsCreatedFirst) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
                var names = topicNames(props);
                try {
                    if (!TopicLeaders.await(bootstrap.servers(), names, Duration.ofSeconds(60))) {
                        log.warn("The topics {} have partitions without a leader after 60 s; starting anyway", names);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return AbstractMessageListenerContainer.DEFAULT_PHASE - 100; // before the listener containers
            }
        };
    }

    @Bean
    ProducerFactory<String, byte[]> producerFactory(KafkaBootstrap bootstrap, AutoremediateProperties props,
            ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = clientProperties(bootstrap, props);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putAll(props.kafka().properties());
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(config);
        meters.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    ConsumerFactory<String, byte[]> consumerFactory(KafkaBootstrap bootstrap, AutoremediateProperties props,
            ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = clientProperties(bootstrap, props);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, props.kafka().groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // bigger batches, fewer commits: the decisions of a poll batch share one store transaction
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.putAll(props.kafka().properties());
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(config);
        // Kafka client metrics, among them the consumer lag (kafka_consumer_fetch_manager_records_lag_max)
        meters.ifAvailable(registry -> factory.addListener(new MicrometerConsumerListener<>(registry)));
        return factory;
    }

    /**
     * Of several instances on one store only the holder of this lease publishes the outbox. An embedded H2 database
     * (a file or memory one, not a server nor AUTO_SERVER) can be opened by one process only: there the publisher is
     * alone by construction and takes no lease, so a restart after a crash publishes at once instead of waiting for
     * the dead process's lease to expire.
     */
    @Bean
    PublisherLease publisherLease(DataSource dataSource, AutoremediateProperties props,
            org.springframework.core.env.Environment env) {
        if (PublisherLease.isSingleProcessStore(env.getProperty("spring.datasource.url"))) {
            log.info("Outbox publisher takes no lease: the store is an embedded H2 database, which one process only "
                    + "can open");
            return PublisherLease.sole();
        }
        var outbox = props.outbox();
        if (outbox.leaseTtl().compareTo(outbox.sweepInterval().multipliedBy(2)) < 0) {
            log.warn("autoremediate.outbox.lease-ttl {} is less than twice autoremediate.outbox.sweep-interval {}: an "
                    + "idle leader may let its lease lapse between sweeps", outbox.leaseTtl(), outbox.sweepInterval());
        }
        return PublisherLease.of(new OutboxLease(dataSource), outbox.leaseTtl());
    }

    @Bean
    OutboxPublisher outboxPublisher(DecisionStore store, KafkaTemplate<String, byte[]> kafkaTemplate, Clock clock,
            RetryDelivery retryDelivery, PublisherLease publisherLease) {
        return new OutboxPublisher(store, kafkaTemplate, clock, 10_000, retryDelivery, publisherLease);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> failureListenerContainer(
            ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafkaTemplate,
            FailureDecisionService service, ContractCodec codec, AutoremediateProperties props,
            KafkaAdmin.NewTopics topicsCreatedFirst) {
        var kafka = props.kafka();
        var containerProps = new ContainerProperties(kafka.topics().failures());
        containerProps.setGroupId(kafka.groupId());
        containerProps.setAckMode(ContainerProperties.AckMode.BATCH);
        // a poll batch at a time: its decisions are stored in one transaction, its offsets committed after it
        containerProps.setMessageListener(new FailureEventBatchListener(codec, service));
        var container = new ConcurrentMessageListenerContainer<>(consumerFactory, containerProps);
        container.setConcurrency(kafka.concurrency());
        container.setCommonErrorHandler(DeadLetters.errorHandler(kafkaTemplate, kafka.maxProcessingAttempts(),
                kafka.maxBackOff()));
        return container;
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> outcomeListenerContainer(
            ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafkaTemplate,
            OutcomeService service, ContractCodec codec, AutoremediateProperties props,
            KafkaAdmin.NewTopics topicsCreatedFirst) {
        var kafka = props.kafka();
        var containerProps = new ContainerProperties(kafka.topics().outcomes());
        containerProps.setGroupId(kafka.groupId());
        containerProps.setAckMode(ContainerProperties.AckMode.BATCH);
        containerProps.setMessageListener(new JobOutcomeListener(codec, service));
        var container = new ConcurrentMessageListenerContainer<>(consumerFactory, containerProps);
        container.setConcurrency(kafka.concurrency());
        container.setCommonErrorHandler(DeadLetters.errorHandler(kafkaTemplate, kafka.maxProcessingAttempts(),
                kafka.maxBackOff()));
        return container;
    }

    private static Map<String, Object> clientProperties(KafkaBootstrap bootstrap, AutoremediateProperties props) {
        var config = new HashMap<String, Object>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap.servers());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "autoremediate");
        config.putAll(props.kafka().properties());
        return config;
    }
}
