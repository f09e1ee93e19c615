package dev.autoremediate.remediator.support;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.security.BearerTokenFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A running service for review tests: a real in-JVM KRaft broker, an H2 database of its own, and one configured user
 * per role (password = {@code <name>-pass}) plus two bearer tokens.
 */
public final class ReviewFixtures {

    public static final String VIEWER_TOKEN = "viewer-token-0123456789";
    public static final String ONCALL_TOKEN = "oncall-token-0123456789";

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private final Path dir;
    private final InProcessKafkaBroker broker;

    public ReviewFixtures(String name) {
        try {
            dir = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public static String password(String user) {
        return user + "-pass";
    }

    public void register(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, dir, "review");
        registry.add("autoremediate.outbox.sweep-interval", () -> "1s");
        String[][] users = {{"viewer", "VIEWER"}, {"oncall", "ONCALL"}, {"admin", "ADMIN"}};
        for (int i = 0; i < users.length; i++) {
            String[] u = users[i];
            String hash = BCRYPT.encode(password(u[0]));
            registry.add("autoremediate.security.users[" + i + "].username", () -> u[0]);
            registry.add("autoremediate.security.users[" + i + "].password-hash", () -> hash);
            registry.add("autoremediate.security.users[" + i + "].role", () -> u[1]);
        }
        registry.add("autoremediate.security.tokens[0].name", () -> "dashboards");
        registry.add("autoremediate.security.tokens[0].sha256", () -> BearerTokenFilter.sha256(VIEWER_TOKEN));
        registry.add("autoremediate.security.tokens[0].role", () -> "VIEWER");
        registry.add("autoremediate.security.tokens[1].name", () -> "chatops");
        registry.add("autoremediate.security.tokens[1].sha256", () -> BearerTokenFilter.sha256(ONCALL_TOKEN));
        registry.add("autoremediate.security.tokens[1].role", () -> "ONCALL");
    }

    /** The same failure for another team. */
    public static FailureEvent ownedBy(FailureEvent e, String owner) {
        Job j = e.job();
        return new FailureEvent(e.schemaVersion(), e.eventId(), e.occurredAt(), new Job(j.jobId(), j.runId(), j.attempt(),
                j.engine(), j.engineVersion(), owner, j.scheduler(), j.tier(), j.config()), e.failure(), e.metrics());
    }

    /** An unrecognised failure whose numbers differ (same template). */
    public static FailureEvent unrecognised(String jobId, int partition) {
        return FailureEvents.spark(jobId, 3, "com.example.pipeline.QuasarFluxException",
                "com.example.pipeline.QuasarFluxException: the flux capacitor of partition " + partition
                        + " reported state 0x" + Integer.toHexString(40 + partition), null);
    }
}
