package dev.autoremediate.remediator.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * All configuration of the service, under {@code autoremediate.*}. Every key has a default, so {@code serve} runs
 * with nothing configured: an in-process Kafka broker and an H2 file database under {@code data-dir}.
 */
@ConfigurationProperties("autoremediate")
public record AutoremediateProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Kafka kafka,
        @DefaultValue Rules rules,
        @DefaultValue Policy policy,
        @DefaultValue Demo demo,
        @DefaultValue Overrides overrides) {

    /**
     * @param bootstrapServers empty: start the in-process single-node broker on {@code embeddedPort}
     * @param embeddedPort     port of the in-process broker
     * @param groupId          consumer group of the failure consumer
     * @param partitions       partitions of the topics created on start when missing
     * @param replicationFactor replication of those topics; 0 = the cluster's default (1 for the in-process broker)
     * @param concurrency      consumer threads
     * @param maxProcessingAttempts a record that keeps failing for a non-transient reason is dead-lettered after this
     * @param maxBackOff       cap of the backoff while the store is unavailable
     * @param properties       extra Kafka client properties for every producer, consumer and admin client
     *                         (security.protocol, sasl.*, ssl.*)
     */
    public record Kafka(
            @DefaultValue("") String bootstrapServers,
            @DefaultValue("9092") int embeddedPort,
            @DefaultValue("autoremediate") String groupId,
            @DefaultValue("3") int partitions,
            @DefaultValue("0") short replicationFactor,
            @DefaultValue("1") int concurrency,
            @DefaultValue("3") int maxProcessingAttempts,
            @DefaultValue("30s") Duration maxBackOff,
            @DefaultValue Topics topics,
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        public boolean embedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }
    }

    public record Topics(
            @DefaultValue("job-failures") String failures,
            @DefaultValue("remediation-decisions") String decisions,
            @DefaultValue("job-retry-commands") String retryCommands,
            @DefaultValue("job-outcomes") String outcomes) {
    }

    /** @param dir a folder of DRL files to use instead of the bundled pack; empty = the bundled pack */
    public record Rules(Path dir) {
    }

    /**
     * The remediation policy; see {@code PolicySettings}.
     *
     * @param maxContainerMemory cap of executor memory + overhead, Spark size syntax
     * @param maxDriverMemory    cap of driver memory
     * @param maxStepFactor      the largest factor one retry may multiply a setting by
     */
    public record Policy(
            @DefaultValue("4") int maxAttemptsPerRun,
            @DefaultValue("60s") Duration baseDelay,
            @DefaultValue("1h") Duration maxDelay,
            @DefaultValue("5m") Duration unknownDelay,
            @DefaultValue("false") boolean dryRun,
            @DefaultValue("64g") String maxContainerMemory,
            @DefaultValue("32g") String maxDriverMemory,
            @DefaultValue("2.0") double maxStepFactor,
            @DefaultValue RateLimit rateLimit,
            @DefaultValue CircuitBreaker circuitBreaker) {
    }

    /**
     * The global rate limit of automatic actions: beyond {@code limitForPeriod} retries per {@code refreshPeriod} a
     * decision waits for approval (PENDING_APPROVAL, no retry command).
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("600") int limitForPeriod,
            @DefaultValue("1m") Duration refreshPeriod) {
    }

    /**
     * The circuit breaker fed by the outcomes of remediated retries: when {@code failureRateThreshold} percent of the
     * last {@code slidingWindowSize} retried runs (at least {@code minimumCalls}) failed, new automatic retries need
     * approval; after {@code waitInOpen}, {@code permittedInHalfOpen} trial retries decide whether it closes.
     */
    public record CircuitBreaker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("10m") Duration waitInOpen,
            @DefaultValue("3") int permittedInHalfOpen) {
    }

    /** @param enabled replay the bundled sample of failure events into the broker on start ({@code serve --demo}) */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    /**
     * Per-job config overrides and their decay; see docs/config-overrides.md.
     *
     * @param historyRuns how many recent outcomes of a job the job history reads for its peak usage
     */
    public record Overrides(
            @DefaultValue("10") int historyRuns,
            @DefaultValue Decay decay) {
    }

    /**
     * @param enabled        whether overrides decay back toward the owner's configuration
     * @param runs           consecutive successful runs with headroom before a setting steps down once
     * @param usageThreshold a run shows headroom when its peak use is at most this share of the setting
     * @param headroom       never step below the largest peak of those runs times this
     * @param stepFactor     one step multiplies the setting by this
     */
    public record Decay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") int runs,
            @DefaultValue("0.6") double usageThreshold,
            @DefaultValue("1.3") double headroom,
            @DefaultValue("0.8") double stepFactor) {
    }
}
