package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.broker.InProcessKafkaBroker;

/**
 * Where Kafka is: the configured cluster, or the in-process broker started because none was configured (closed
 * with the application).
 */
public record KafkaBootstrap(String servers, InProcessKafkaBroker embeddedBroker) implements AutoCloseable {

    public boolean embedded() {
        return embeddedBroker != null;
    }

    @Override
    public void close() {
        if (embeddedBroker != null) {
            embeddedBroker.close();
        }
    }
}
