package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.scheduler.AirflowSchedulerClient;
import dev.autoremediate.remediator.scheduler.HttpEndpoint;
import dev.autoremediate.remediator.scheduler.KafkaSchedulerClient;
import dev.autoremediate.remediator.scheduler.MaestroSchedulerClient;
import dev.autoremediate.remediator.scheduler.RunIdPattern;
import dev.autoremediate.remediator.scheduler.SchedulerClient;
import dev.autoremediate.remediator.scheduler.SchedulerRouter;
import dev.autoremediate.remediator.scheduler.WebhookSchedulerClient;
import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.service.RetryDelivery;
import dev.autoremediate.remediator.store.DecisionStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wiring of the scheduler adapters ({@code autoremediate.scheduler.*}): the Kafka command topic always; Maestro,
 * Airflow and the webhook when their {@code url} is set; the router that picks one per job; and the delivery with
 * its persisted backoff that the outbox publisher uses for retry commands.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    SchedulerRouter schedulerRouter(AutoremediateProperties props, KafkaTemplate<String, byte[]> kafkaTemplate,
            ContractCodec codec, Clock clock, PublisherLease publisherLease) {
        var s = props.scheduler();
        var clients = new ArrayList<SchedulerClient>();
        clients.add(new KafkaSchedulerClient(kafkaTemplate, props.kafka().topics().retryCommands(), codec, 10_000));
        var m = s.maestro();
        if (present(m.url())) {
            var endpoint = endpoint(m.url(), m.token(), m.username(), m.password(), m.connectTimeout(),
                    m.requestTimeout(), m.retries(), m.retryDelay());
            warnIfLongerThanHalfTheLease("maestro", endpoint, publisherLease);
            clients.add(new MaestroSchedulerClient(endpoint,
                    RunIdPattern.of(present(m.runIdPattern()) ? m.runIdPattern()
                            : MaestroSchedulerClient.DEFAULT_RUN_ID_PATTERN),
                    m.configParam(), m.restartPolicy(), codec, clock));
        }
        var a = s.airflow();
        if (present(a.url())) {
            var endpoint = endpoint(a.url(), a.token(), a.username(), a.password(), a.connectTimeout(),
                    a.requestTimeout(), a.retries(), a.retryDelay());
            warnIfLongerThanHalfTheLease("airflow", endpoint, publisherLease);
            clients.add(new AirflowSchedulerClient(endpoint,
                    airflowMode(a.mode()),
                    RunIdPattern.of(present(a.runIdPattern()) ? a.runIdPattern()
                            : AirflowSchedulerClient.DEFAULT_RUN_ID_PATTERN),
                    codec));
        }
        var w = s.webhook();
        if (present(w.url())) {
            var endpoint = endpoint(w.url(), w.token(), null, null, w.connectTimeout(), w.requestTimeout(),
                    w.retries(), w.retryDelay());
            warnIfLongerThanHalfTheLease("webhook", endpoint, publisherLease);
            clients.add(new WebhookSchedulerClient(endpoint, w.secret(), codec, clock));
        }
        var router = new SchedulerRouter(clients, s.routes(), s.defaultAdapter());
        log.info("Scheduler adapters: {}", router);
        return router;
    }

    /**
     * With several instances on one store only the holder of the outbox lease delivers, and it checks the lease before
     * each delivery: a delivery that can outlast half the lease's TTL widens the window in which a stalled holder
     * overlaps a new one (docs/hardening.md, "Several instances"). Nothing to say where no lease is taken.
     */
    private static void warnIfLongerThanHalfTheLease(String adapter, HttpEndpoint endpoint, PublisherLease lease) {
        Duration longest = endpoint.longestCall();
        if (lease.inStore() && longest.compareTo(lease.ttl().dividedBy(2)) > 0) {
            log.warn("autoremediate.scheduler.{}: one call can take up to {} (timeouts and in-call retries), more than "
                    + "half of autoremediate.outbox.lease-ttl {}; with several instances, raise the TTL or lower the "
                    + "timeouts or retries", adapter, longest, lease.ttl());
        }
    }

    @Bean
    RetryDelivery retryDelivery(SchedulerRouter router, DecisionStore store, ContractCodec codec, Clock clock,
            AutoremediateProperties props) {
        var d = props.scheduler().delivery();
        return new RetryDelivery(router, store, codec, clock,
                new RetryDelivery.Settings(d.maxAttempts(), d.initialBackoff(), d.maxBackoff()),
                props.kafka().topics().retryCommands());
    }

    static AirflowSchedulerClient.Mode airflowMode(String mode) {
        String m = mode == null ? "dag-run" : mode.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (m) {
            case "dag-run" -> AirflowSchedulerClient.Mode.DAG_RUN;
            case "clear-task" -> AirflowSchedulerClient.Mode.CLEAR_TASK;
            default -> throw new IllegalArgumentException(
                    "autoremediate.scheduler.airflow.mode must be dag-run or clear-task: " + mode);
        };
    }

    private static HttpEndpoint endpoint(String url, String token, String user, String password, Duration connect,
            Duration request, int retries, Duration retryDelay) {
        return new HttpEndpoint(URI.create(url.trim()), token, user, password, connect, request, retries, retryDelay);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
