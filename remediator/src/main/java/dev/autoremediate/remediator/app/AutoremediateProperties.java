package dev.autoremediate.remediator.app;

import dev.autoremediate.remediator.security.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        @DefaultValue Overrides overrides,
        @DefaultValue Enrichment enrichment,
        @DefaultValue Scheduler scheduler,
        @DefaultValue Security security,
        @DefaultValue Model model,
        @DefaultValue Outbox outbox,
        @DefaultValue Decision decision) {

    /**
     * @param bootstrapServers empty: start the in-process single-node broker on {@code embeddedPort}
     * @param embeddedPort     port of the in-process broker
     * @param groupId          consumer group of the failure consumer
     * @param partitions       partitions of the topics created on start when missing
     * @param replicationFactor replication of those topics; 0 = the cluster's default (1 for the in-process broker)
     * @param concurrency      consumer threads
     * @param maxProcessingAttempts a record that keeps failing for a non-transient reason is dead-lettered after this
     * @param maxBackOff       cap of the backoff while the store is unavailable
     * @param decisionsPerTransaction a poll batch's decisions are stored in transactions of at most this many, each
     *                         stored while the next ones are decided; the offsets are committed after the last
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
            @DefaultValue("100") int decisionsPerTransaction,
            @DefaultValue Topics topics,
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        public boolean embedded() {
            return bootstrapServers == null || bootstrapServers.isBlank();
        }
    }

    /** @param openlineage OpenLineage run events (FAIL and COMPLETE are used); empty turns that consumer off */
    public record Topics(
            @DefaultValue("job-failures") String failures,
            @DefaultValue("remediation-decisions") String decisions,
            @DefaultValue("job-retry-commands") String retryCommands,
            @DefaultValue("job-outcomes") String outcomes,
            @DefaultValue("openlineage-events") String openlineage) {
    }

    /**
     * @param dir                 a folder of DRL files to use instead of the bundled pack; empty = the bundled pack
     * @param watch               with a {@code dir}: reload it when its files change (hot reload)
     * @param pollInterval        how often the watched folder is looked at
     * @param debounce            how long its files must stay unchanged before a new pack is compiled
     * @param requirePassingCases swap in only a pack whose test cases ({@code *.cases.jsonl}) all pass
     * @param successRateLogInterval how often the success rate of the retries each rule caused is logged (0 = never)
     */
    public record Rules(
            Path dir,
            @DefaultValue("true") boolean watch,
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("1s") Duration debounce,
            @DefaultValue("true") boolean requirePassingCases,
            @DefaultValue("1h") Duration successRateLogInterval) {
    }

    /**
     * The remediation policy; see {@code PolicySettings}.
     *
     * @param maxContainerMemory cap of executor memory + overhead, Spark size syntax
     * @param maxDriverMemory    cap of driver memory
     * @param maxStepFactor      the largest factor one retry may multiply a setting by
     * @param successBar         the config tuner picks the cheapest configuration predicted to succeed at least this
     * @param retryBudgetGbHours the most GB-hours one remediated retry may cost, for teams not in
     *                           {@code teamRetryBudgetGbHours}; unset = unlimited
     * @param teamRetryBudgetGbHours per-team budgets of one retry in GB-hours, by the job's owner
     * @param outcomeModel       the retry-outcome model of the tuner: {@code bundled}, {@code none} (heuristics only) or
     *                           the path of a {@code .tribuo} file written by {@code train outcome}
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
            @DefaultValue("0.9") double successBar,
            Double retryBudgetGbHours,
            java.util.Map<String, Double> teamRetryBudgetGbHours,
            @DefaultValue("bundled") String outcomeModel,
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

    /**
     * The outbox publisher.
     *
     * @param sweepInterval how often unpublished messages are retried, and how often a standby instance tries for the
     *                      publisher lease when no commit of its own wakes it (also read by {@code @Scheduled})
     * @param leaseTtl      the publisher lease: of several instances on one store only its holder publishes; a holder
     *                      that dies without releasing it is replaced after this (plus a sweep interval at most). Keep
     *                      it above twice the sweep interval and twice the longest call of an HTTP scheduler adapter
     *                      (2 minutes: with the adapters' default timeouts and retries a call can take 46.5 s)
     * @param retention     the payload of a message delivered longer ago than this is cleared (the row stays, with its
     *                      delivery state); a shorter value keeps less of what was sent for forensics. PENDING and
     *                      FAILED messages keep theirs
     * @param retentionSweepInterval how often those payloads are cleared (the first time one minute after start), by
     *                      the holder of the publisher lease only
     */
    public record Outbox(
            @DefaultValue("5s") Duration sweepInterval,
            @DefaultValue("2m") Duration leaseTtl,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("10m") Duration retentionSweepInterval) {

        public Outbox {
            if (leaseTtl.isNegative() || leaseTtl.isZero()) {
                throw new IllegalArgumentException("autoremediate.outbox.lease-ttl must be positive: " + leaseTtl);
            }
            if (retention.isNegative()) {
                throw new IllegalArgumentException("autoremediate.outbox.retention must not be negative: " + retention);
            }
            if (retentionSweepInterval.isNegative() || retentionSweepInterval.isZero()) {
                throw new IllegalArgumentException("autoremediate.outbox.retention-sweep-interval must be positive: "
                        + retentionSweepInterval);
            }
        }
    }

    /**
     * Decision retention (opt-in; see docs/operations.md "Decision retention").
     *
     * @param retention              unset (the default): every decision is kept forever. Set: settled decisions
     *                               decided longer ago than this are deleted with their outbox rows (pending approval,
     *                               undelivered, a run still active and the latest of each job are kept). At least
     *                               {@code 1d}; keep it above the retention of the {@code job-failures} topic
     * @param retentionSweepInterval how often they are deleted (the first time two minutes after start), by the holder
     *                               of the publisher lease only
     */
    public record Decision(Duration retention, @DefaultValue("1h") Duration retentionSweepInterval) {

        /** The shortest retention accepted: a day of decisions stays for on-call to review. */
        public static final Duration MIN_RETENTION = Duration.ofDays(1);

        public Decision {
            if (retention != null && retention.compareTo(MIN_RETENTION) < 0) {
                throw new IllegalArgumentException("autoremediate.decision.retention must be at least 1d (e.g. 90d), "
                        + "or unset to keep every decision: was " + retention);
            }
            if (retentionSweepInterval.isNegative() || retentionSweepInterval.isZero()) {
                throw new IllegalArgumentException("autoremediate.decision.retention-sweep-interval must be positive: "
                        + retentionSweepInterval);
            }
        }
    }

    /**
     * @param enabled replay the bundled sample of failure events into the broker on start ({@code serve --demo})
     * @param source  {@code samples} (the bundled sample) or {@code spark} (run the Spark sandbox's jobs for real and
     *                act as their scheduler: {@code serve --demo=spark})
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("samples") String source) {
    }

    /**
     * Scheduler adapters (docs/integrations.md): where retry commands go.
     *
     * @param defaultAdapter the adapter of jobs whose {@code job.scheduler} has no route and no adapter of its name:
     *                       {@code kafka} (the command topic), {@code maestro}, {@code airflow} or {@code webhook}
     * @param routes         {@code job.scheduler} value to adapter name, e.g. {@code routes.oozie=webhook}
     * @param delivery       persisted retries of a failing delivery
     */
    public record Scheduler(
            @DefaultValue("kafka") String defaultAdapter,
            Map<String, String> routes,
            @DefaultValue Delivery delivery,
            @DefaultValue Maestro maestro,
            @DefaultValue Airflow airflow,
            @DefaultValue Webhook webhook) {

        public Scheduler {
            routes = routes == null ? Map.of() : Map.copyOf(routes);
        }
    }

    /**
     * @param maxAttempts    failed attempts after which a delivery is recorded as FAILED
     * @param initialBackoff wait after the first failed attempt, doubled per attempt
     * @param maxBackoff     cap of that wait
     */
    public record Delivery(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("30m") Duration maxBackoff) {
    }

    /**
     * Netflix Maestro; enabled when {@code url} is set.
     *
     * @param configParam   the step run param (STRING_MAP) that carries the config overrides
     * @param restartPolicy RESTART_FROM_INCOMPLETE or RESTART_FROM_BEGINNING (for the steps downstream)
     * @param runIdPattern  reads workflowId, instanceId and stepId out of {@code job.runId}; empty =
     *                      {@code <workflowId>/<workflowInstanceId>/<stepId>}
     */
    public record Maestro(
            String url, String token, String username, String password,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("2") int retries,
            @DefaultValue("500ms") Duration retryDelay,
            @DefaultValue("spark_conf") String configParam,
            @DefaultValue("RESTART_FROM_INCOMPLETE") String restartPolicy,
            String runIdPattern) {
    }

    /**
     * Apache Airflow's stable REST API; enabled when {@code url} is set.
     *
     * @param mode         {@code dag-run} (a new DAG run with the overrides in {@code conf}) or {@code clear-task}
     *                     (clear the failed task instance; a new DAG run when there are overrides)
     * @param runIdPattern reads dagId, dagRunId and (optional) taskId out of {@code job.runId}; empty =
     *                     {@code <dag_id>/<dag_run_id>[/<task_id>]}
     */
    public record Airflow(
            String url, String token, String username, String password,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("2") int retries,
            @DefaultValue("500ms") Duration retryDelay,
            @DefaultValue("dag-run") String mode,
            String runIdPattern) {
    }

    /**
     * A generic HTTP webhook; enabled when {@code url} is set.
     *
     * @param secret HMAC-SHA256 key of the {@code X-Autoremediate-Signature} header; empty sends no signature
     */
    public record Webhook(
            String url, String token, String secret,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration requestTimeout,
            @DefaultValue("2") int retries,
            @DefaultValue("500ms") Duration retryDelay) {
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

    /** What is added to a failure event before it is decided. */
    public record Enrichment(@DefaultValue SparkHistory sparkHistory) {
    }

    /**
     * The Spark History Server whose REST API fills a Spark failure's missing run metrics.
     *
     * @param url            e.g. {@code http://shs.example.internal:18080}; empty = no enrichment
     * @param connectTimeout time to open a connection
     * @param timeout        budget of all requests for one event; past it the event is decided as it came
     * @param cooldown       after a timeout or an unreachable server, no requests for this long
     */
    public record SparkHistory(
            @DefaultValue("") String url,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("1m") Duration cooldown) {
    }

    /**
     * Who may use the review UI and API (see docs/review-ui.md).
     *
     * @param users         people: user name, bcrypt hash of the password, role. None configured: an {@code admin} is
     *                      generated on the first start, its password printed once and only its hash kept under
     *                      {@code data-dir}
     * @param tokens        machine clients: a name, the SHA-256 (hex) of the bearer token, role
     * @param prometheusOpen whether {@code /actuator/prometheus} answers without authentication
     */
    public record Security(List<User> users, List<Token> tokens, @DefaultValue("false") boolean prometheusOpen) {

        public Security {
            users = users == null ? List.of() : List.copyOf(users);
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }

        public record User(String username, String passwordHash, Role role) {
        }

        public record Token(String name, String sha256, Role role) {
        }
    }

    /**
     * The failure classifier model, asked when no rule matches.
     *
     * @param enabled       false: rules only
     * @param file          a {@code .tribuo} file made by {@code autoremediate train classifier}; empty = the bundled model
     * @param minConfidence below this calibrated probability the model's answer counts as UNKNOWN
     */
    public record Model(
            @DefaultValue("true") boolean enabled,
            Path file,
            @DefaultValue("0.3") double minConfidence) {
    }
}
