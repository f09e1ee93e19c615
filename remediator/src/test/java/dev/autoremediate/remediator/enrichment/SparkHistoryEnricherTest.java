package dev.autoremediate.remediator.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real local HTTP server (the JDK's) that answers like a Spark History Server: responses in the documented
 * shape, and slow, failing, missing and malformed ones.
 */
class SparkHistoryEnricherTest {

    private static final String APP = "application_1732240000000_0042";
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/spark-history");

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** path (with query) to a handler; missing paths answer 404 */
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            requests.add(path);
            try {
                Handler h = routes.get(path);
                if (h == null) {
                    respond(exchange, 404, "{\"message\": \"no such app\"}");
                } else {
                    h.handle(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (timeout): nothing to answer
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private SparkHistoryEnricher enricher(Duration timeout) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new SparkHistoryEnricher(new SparkHistorySettings(url, Duration.ofSeconds(1), timeout,
                Duration.ofMinutes(1)), Clock.systemUTC());
    }

    private void serveDocumented(String appPath) {
        routes.put(appPath + "/allexecutors", json(fixture("allexecutors.json")));
        routes.put(appPath + "/stages?status=failed", json(fixture("stages-failed.json")));
    }

    private static Handler json(String body) {
        return exchange -> respond(exchange, 200, body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Spark failure without metrics whose application id is in its config. */
    private static FailureEvent sparkFailure(Map<String, String> extraConfig, String message) {
        FailureEvent base = FailureEvents.containerKilled("etl.daily_sessions");
        var config = new TreeMap<>(base.job().config());
        config.putAll(extraConfig);
        Job job = new Job(base.job().jobId(), base.job().runId(), 1, "spark", "3.5.1", null, null, null, config);
        Failure f = base.failure();
        return new FailureEvent(1, base.eventId(), base.occurredAt(), job,
                new Failure(f.exitCode(), f.exceptionClass(), message == null ? f.message() : message, null, null), null);
    }

    @Test
    void a_spark_failure_without_metrics_gets_the_executor_peaks_and_a_note_naming_the_failed_stage() {
        serveDocumented("/api/v1/applications/" + APP);

        EventEnricher.Enriched result = enricher(Duration.ofSeconds(5)).enrich(sparkFailure(Map.of("spark.app.id", APP),
                null));

        RunMetrics m = result.event().metrics();
        assertThat(m).isNotNull();
        assertThat(m.peakExecutorMemoryBytes()).isEqualTo(7516192768L);
        assertThat(m.peakExecutorRssBytes()).isEqualTo(9663676416L);
        assertThat(m.peakDriverMemoryBytes()).isEqualTo(2254857830L);
        assertThat(m.numExecutors()).isEqualTo(4);
        assertThat(m.inputBytes()).isEqualTo(4 * 6442450944L);
        assertThat(m.shuffleReadBytes()).isEqualTo(4 * 1932735283L);
        assertThat(m.numTasks()).isEqualTo(188 * 4 + 7);
        assertThat(result.note()).startsWith("metrics from the Spark History Server for " + APP + ": 4 executors, "
                + "peak executor heap 7.0 GiB, peak executor RSS 9.0 GiB, peak driver heap 2.1 GiB")
                .endsWith("failed stage 4.0 (17 of 200 tasks failed, 60.0 GiB spilled)");
        assertThat(result.event().failure()).isEqualTo(sparkFailure(Map.of("spark.app.id", APP), null).failure());
    }

    @Test
    void the_application_id_is_found_in_the_message_when_the_config_does_not_name_it() {
        serveDocumented("/api/v1/applications/" + APP);
        String message = "Application " + APP + " failed 2 times due to AM Container for appattempt_1732240000000_0042_000002"
                + " exited with exitCode: 137";

        EventEnricher.Enriched result = enricher(Duration.ofSeconds(5)).enrich(sparkFailure(Map.of(), message));

        assertThat(result.changed()).isTrue();
        assertThat(result.event().metrics().peakExecutorMemoryBytes()).isEqualTo(7516192768L);
    }

    @Test
    void a_yarn_cluster_mode_application_is_asked_under_its_last_attempt() {
        serveDocumented("/api/v1/applications/" + APP + "/1");
        routes.put("/api/v1/applications/" + APP, json(fixture("application.json")));

        EventEnricher.Enriched result = enricher(Duration.ofSeconds(5)).enrich(sparkFailure(Map.of("spark.app.id", APP),
                null));

        assertThat(result.changed()).isTrue();
        assertThat(requests).containsExactly("/api/v1/applications/" + APP + "/allexecutors",
                "/api/v1/applications/" + APP, "/api/v1/applications/" + APP + "/1/allexecutors",
                "/api/v1/applications/" + APP + "/1/stages?status=failed");
    }

    @Test
    void a_slow_server_costs_at_most_the_timeout_and_leaves_the_event_as_it_was_then_pauses_the_enrichment() {
        routes.put("/api/v1/applications/" + APP + "/allexecutors", exchange -> {
            Thread.sleep(5_000);
            respond(exchange, 200, fixture("allexecutors.json"));
        });
        SparkHistoryEnricher enricher = enricher(Duration.ofMillis(400));
        FailureEvent event = sparkFailure(Map.of("spark.app.id", APP), null);

        long started = System.nanoTime();
        EventEnricher.Enriched result = enricher.enrich(event);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.event()).isSameAs(event);
        assertThat(result.note()).isNull();
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        // the server is slow: the next event does not wait for it again
        assertThat(enricher.enrich(event).event()).isSameAs(event);
        assertThat(requests).hasSize(1);
    }

    @Test
    void failing_and_malformed_answers_leave_the_event_as_it_was() {
        FailureEvent event = sparkFailure(Map.of("spark.app.id", APP), null);
        routes.put("/api/v1/applications/" + APP + "/allexecutors", exchange -> respond(exchange, 500, "boom"));
        assertThat(enricher(Duration.ofSeconds(5)).enrich(event).event()).isSameAs(event);

        routes.put("/api/v1/applications/" + APP + "/allexecutors", json("<html>not json</html>"));
        assertThat(enricher(Duration.ofSeconds(5)).enrich(event).event()).isSameAs(event);

        routes.put("/api/v1/applications/" + APP + "/allexecutors", json("{\"executors\": []}"));
        assertThat(enricher(Duration.ofSeconds(5)).enrich(event).event()).isSameAs(event);

        routes.put("/api/v1/applications/" + APP + "/allexecutors", json("[{\"hostPort\": \"x\"}]"));
        assertThat(enricher(Duration.ofSeconds(5)).enrich(event).event()).isSameAs(event);

        routes.clear(); // an application the server does not know
        assertThat(enricher(Duration.ofSeconds(5)).enrich(event).event()).isSameAs(event);
    }

    @Test
    void failing_stages_alone_still_give_the_executor_metrics() {
        routes.put("/api/v1/applications/" + APP + "/allexecutors", json(fixture("allexecutors.json")));
        routes.put("/api/v1/applications/" + APP + "/stages?status=failed", exchange -> respond(exchange, 503, ""));

        EventEnricher.Enriched result = enricher(Duration.ofSeconds(5)).enrich(sparkFailure(Map.of("spark.app.id", APP),
                null));

        assertThat(result.event().metrics().peakExecutorMemoryBytes()).isEqualTo(7516192768L);
        assertThat(result.note()).doesNotContain("failed stage");
    }

    @Test
    void an_unreachable_server_leaves_the_event_as_it_was() {
        int port = server.getAddress().getPort();
        server.stop(0);
        var enricher = new SparkHistoryEnricher(new SparkHistorySettings(URI.create("http://127.0.0.1:" + port),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(1)), Clock.systemUTC());
        FailureEvent event = sparkFailure(Map.of("spark.app.id", APP), null);

        assertThat(enricher.enrich(event).event()).isSameAs(event);
    }

    @Test
    void events_with_metrics_or_without_an_application_id_are_not_asked_about() {
        serveDocumented("/api/v1/applications/" + APP);
        SparkHistoryEnricher enricher = enricher(Duration.ofSeconds(5));

        FailureEvent withMetrics = FailureEvents.containerKilled("j");
        withMetrics = new FailureEvent(1, "e", withMetrics.occurredAt(), new Job("j", "r", 1, "spark", null, null, null,
                null, Map.of("spark.app.id", APP)), withMetrics.failure(),
                new RunMetrics(null, null, null, null, 1L, null, null, null, null, null, null));
        assertThat(enricher.enrich(withMetrics).changed()).isFalse();

        FailureEvent hive = new FailureEvent(1, "e2", withMetrics.occurredAt(), new Job("j", "r", 1, "hive", null, null,
                null, null, Map.of()), new Failure(2, null, "Application " + APP + " failed", null, null), null);
        assertThat(enricher.enrich(hive).changed()).isFalse();

        FailureEvent hostile = sparkFailure(Map.of("spark.app.id", "../../admin?x=1"), "no id here");
        assertThat(enricher.enrich(hostile).changed()).isFalse();

        assertThat(requests).isEmpty();
    }
}
