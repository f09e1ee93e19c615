package dev.autoremediate.remediator.support;

import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What every IT of the whole service sets: its broker, its data directory and an H2 database of its own in memory. */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    /** @param name names the in-memory database (with a random suffix, so that contexts never share one) */
    public static void register(DynamicPropertyRegistry registry, InProcessKafkaBroker broker, Path dataDir, String name) {
        registry.add("autoremediate.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("autoremediate.data-dir", dataDir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
