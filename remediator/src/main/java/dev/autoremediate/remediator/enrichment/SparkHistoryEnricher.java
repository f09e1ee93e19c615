package dev.autoremediate.remediator.enrichment;

import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills the run metrics of a Spark failure that arrived without any, from the Spark History Server's REST API.
 *
 * <p>When: the event has no metrics (or only empty ones), and its Spark application id is known — from
 * {@code job.config["spark.app.id"]} (OpenLineage events carry it from the {@code spark_applicationDetails} facet),
 * else from the message, stack trace or log tail ({@code application_<cluster ts>_<n>} on YARN,
 * {@code app-<yyyyMMddHHmmss>-<n>} standalone, {@code spark-<32 hex>} on Kubernetes). Engines other than Spark (and
 * notebooks, which run Spark) are enriched only when they name a {@code spark.app.id}.
 *
 * <p>What: {@code GET /api/v1/applications/{appId}/allexecutors} gives, from each executor's
 * {@code peakMemoryMetrics}, {@code peakExecutorMemoryBytes} (largest {@code JVMHeapMemory} of an executor),
 * {@code peakExecutorRssBytes} (largest process tree RSS of an executor: {@code ProcessTreeJVMRSSMemory} +
 * Python + other; Spark reports these only with {@code spark.executor.processTreeMetrics.enabled}, 0 is read as
 * unknown), {@code peakDriverMemoryBytes} (the {@code driver} entry's {@code JVMHeapMemory}), {@code numExecutors},
 * and the application's totals {@code inputBytes}, {@code shuffleReadBytes}, {@code shuffleWriteBytes},
 * {@code numTasks}. {@code GET /api/v1/applications/{appId}/stages?status=failed} names the failed stage (the last to
 * complete) in the note: its id, failed tasks and spill. A YARN cluster-mode application answers under
 * {@code /applications/{appId}/{attemptId}/...}: on a 404 the last attempt of {@code /applications/{appId}} is used.
 *
 * <p>Faults: every request shares one budget ({@link SparkHistorySettings#timeout()}); a timeout, an unreachable
 * server, an HTTP error, or a body that is not the documented shape leaves the event as it was, with a WARN. After a
 * timeout or an unreachable server no request is made for {@link SparkHistorySettings#cooldown()}. Never throws.
 * Thread-safe.
 */
public final class SparkHistoryEnricher implements EventEnricher {

    private static final Logger log = LoggerFactory.getLogger(SparkHistoryEnricher.class);

    static final String APP_ID_KEY = "spark.app.id";
    private static final Pattern APP_ID_IN_TEXT = Pattern.compile(
            "\\b(application_\\d{10,14}_\\d{4,}|app-\\d{14}-\\d{4,}|spark-[0-9a-f]{32})\\b");
    private static final Pattern SAFE_APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}");
    private static final Set<String> SPARK_ENGINES = Set.of("spark", "pyspark", "notebook");
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final SparkHistorySettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Instant pausedUntil = Instant.MIN;

    public SparkHistoryEnricher(SparkHistorySettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Enriched enrich(FailureEvent event) {
        try {
            Optional<String> appId = applicationId(event);
            if (appId.isEmpty() || hasMetrics(event.metrics())) {
                return Enriched.unchanged(event);
            }
            Instant now = clock.instant();
            if (now.isBefore(pausedUntil)) {
                log.debug("Spark History Server paused until {} after a failure; {} not enriched", pausedUntil,
                        appId.get());
                return Enriched.unchanged(event);
            }
            return fetch(event, appId.get(), now.plus(settings.timeout()));
        } catch (RuntimeException e) {
            log.warn("Spark History Server enrichment of event {} failed; the event goes on as it was: {}",
                    event.eventId(), e.toString());
            return Enriched.unchanged(event);
        }
    }

    /** The Spark application id of a Spark failure, if the event names one. */
    static Optional<String> applicationId(FailureEvent event) {
        String configured = event.job() == null ? null : event.job().config().get(APP_ID_KEY);
        if (configured != null && SAFE_APP_ID.matcher(configured.strip()).matches()) {
            return Optional.of(configured.strip());
        }
        String engine = event.job() == null || event.job().engine() == null ? ""
                : event.job().engine().toLowerCase(Locale.ROOT);
        if (!SPARK_ENGINES.contains(engine) || event.failure() == null) {
            return Optional.empty();
        }
        for (String text : new String[] {event.failure().message(), event.failure().logTail(),
                event.failure().stackTrace()}) {
            if (text != null) {
                Matcher m = APP_ID_IN_TEXT.matcher(text);
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean hasMetrics(RunMetrics m) {
        return m != null && !m.equals(RunMetrics.empty());
    }

    private Enriched fetch(FailureEvent event, String appId, Instant deadline) {
        String app = "/api/v1/applications/" + URLEncoder.encode(appId, StandardCharsets.UTF_8);
        try {
            Response executors = get(app + "/allexecutors", deadline);
            if (executors.status() == 404) {
                Optional<String> attempt = lastAttempt(get(app, deadline));
                if (attempt.isEmpty()) {
                    log.warn("Spark History Server does not know application {} (HTTP 404); event {} goes on as it was",
                            appId, event.eventId());
                    return Enriched.unchanged(event);
                }
                app += "/" + URLEncoder.encode(attempt.get(), StandardCharsets.UTF_8);
                executors = get(app + "/allexecutors", deadline);
            }
            if (executors.status() != 200 || !executors.body().isArray()) {
                log.warn("Spark History Server answered HTTP {} for the executors of {}; event {} goes on as it was",
                        executors.status(), appId, event.eventId());
                return Enriched.unchanged(event);
            }
            ExecutorPeaks peaks = ExecutorPeaks.of(executors.body());
            Optional<FailedStage> stage = Optional.empty();
            Response stages = get(app + "/stages?status=failed", deadline);
            if (stages.status() == 200 && stages.body().isArray()) {
                stage = FailedStage.lastOf(stages.body());
            } else {
                log.warn("Spark History Server answered HTTP {} for the failed stages of {}; using the executors only",
                        stages.status(), appId);
            }
            RunMetrics metrics = new RunMetrics(peaks.inputBytes(), peaks.shuffleReadBytes(), peaks.shuffleWriteBytes(),
                    null, peaks.executorHeap(), peaks.executorRss(), peaks.driverHeap(), null, null,
                    peaks.executors(), peaks.tasks());
            var enriched = new FailureEvent(event.schemaVersion(), event.eventId(), event.occurredAt(), event.job(),
                    event.failure(), metrics);
            String note = "metrics from the Spark History Server for " + appId + ": " + peaks.describe()
                    + stage.map(s -> "; " + s.describe()).orElse("");
            log.info("Enriched event {} with {}", event.eventId(), note);
            return new Enriched(enriched, note);
        } catch (HttpTimeoutException e) {
            pause();
            log.warn("Spark History Server did not answer within {} for {}; event {} goes on as it was (no requests "
                    + "for {})", settings.timeout(), appId, event.eventId(), settings.cooldown());
        } catch (IOException e) {
            pause();
            log.warn("Spark History Server at {} unreachable ({}); event {} goes on as it was (no requests for {})",
                    settings.url(), e.toString(), event.eventId(), settings.cooldown());
        } catch (JacksonException | ShapeException e) {
            log.warn("Spark History Server's answer for {} is not the documented shape ({}); event {} goes on as it was",
                    appId, e.getMessage(), event.eventId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while asking the Spark History Server about {}; event {} goes on as it was", appId,
                    event.eventId());
        }
        return Enriched.unchanged(event);
    }

    private void pause() {
        pausedUntil = clock.instant().plus(settings.cooldown());
    }

    private record Response(int status, JsonNode body) {
    }

    private Response get(String path, Instant deadline) throws IOException, InterruptedException {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new HttpTimeoutException("no time left of the " + settings.timeout() + " budget");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(left)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                return new Response(response.statusCode(), null);
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ShapeException("the answer to " + path + " is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new Response(200, json.readTree(body));
        }
    }

    /** An answer that parses as JSON but is not what the REST API documents. */
    private static final class ShapeException extends RuntimeException {
        ShapeException(String message) {
            super(message);
        }
    }

    private static Optional<String> lastAttempt(Response application) {
        if (application.status() != 200 || application.body() == null) {
            return Optional.empty();
        }
        JsonNode attempts = application.body().path("attempts");
        if (!attempts.isArray() || attempts.isEmpty()) {
            return Optional.empty();
        }
        JsonNode id = attempts.get(attempts.size() - 1).get("attemptId");
        return id == null || id.isNull() ? Optional.empty() : Optional.of(id.asString());
    }

    /** The peaks and totals of an application's executors. */
    private record ExecutorPeaks(Long executorHeap, Long executorRss, Long driverHeap, Integer executors, Long inputBytes,
            Long shuffleReadBytes, Long shuffleWriteBytes, Integer tasks) {

        static ExecutorPeaks of(JsonNode list) {
            Long heap = null;
            Long rss = null;
            Long driver = null;
            int executors = 0;
            long input = 0;
            long shuffleRead = 0;
            long shuffleWrite = 0;
            long tasks = 0;
            for (JsonNode e : list) {
                if (!e.isObject() || !e.has("id")) {
                    throw new ShapeException("an executor entry without an id");
                }
                JsonNode peak = e.path("peakMemoryMetrics");
                if ("driver".equals(e.get("id").asString())) {
                    driver = positive(peak.get("JVMHeapMemory"));
                    continue;
                }
                executors++;
                heap = max(heap, positive(peak.get("JVMHeapMemory")));
                Long jvmRss = positive(peak.get("ProcessTreeJVMRSSMemory"));
                if (jvmRss != null) {
                    long tree = jvmRss + orZero(peak.get("ProcessTreePythonRSSMemory"))
                            + orZero(peak.get("ProcessTreeOtherRSSMemory"));
                    rss = max(rss, tree);
                }
                input += orZero(e.get("totalInputBytes"));
                shuffleRead += orZero(e.get("totalShuffleRead"));
                shuffleWrite += orZero(e.get("totalShuffleWrite"));
                tasks += orZero(e.get("totalTasks"));
            }
            return new ExecutorPeaks(heap, rss, driver, executors, executors == 0 ? null : input,
                    executors == 0 ? null : shuffleRead, executors == 0 ? null : shuffleWrite,
                    executors == 0 ? null : (int) Math.min(Integer.MAX_VALUE, tasks));
        }

        String describe() {
            var parts = new ArrayList<String>();
            parts.add(executors + " executors");
            if (executorHeap != null) {
                parts.add("peak executor heap " + size(executorHeap));
            }
            if (executorRss != null) {
                parts.add("peak executor RSS " + size(executorRss));
            }
            if (driverHeap != null) {
                parts.add("peak driver heap " + size(driverHeap));
            }
            return String.join(", ", parts);
        }
    }

    /** The stage whose failure failed the job. */
    private record FailedStage(int stageId, int attemptId, int numTasks, int numFailedTasks, long spilledBytes,
            Instant completed) {

        static Optional<FailedStage> lastOf(JsonNode list) {
            var stages = new ArrayList<FailedStage>();
            for (JsonNode s : list) {
                if (s.isObject() && s.has("stageId") && "FAILED".equalsIgnoreCase(s.path("status").asString(""))) {
                    stages.add(new FailedStage(s.get("stageId").asInt(), s.path("attemptId").asInt(0),
                            s.path("numTasks").asInt(0), s.path("numFailedTasks").asInt(0),
                            orZero(s.get("memoryBytesSpilled")), instant(s.get("completionTime"))));
                }
            }
            return stages.stream().max(Comparator.comparing(FailedStage::completed)
                    .thenComparingInt(FailedStage::stageId));
        }

        String describe() {
            return "failed stage " + stageId + "." + attemptId + " (" + numFailedTasks + " of " + numTasks
                    + " tasks failed" + (spilledBytes > 0 ? ", " + size(spilledBytes) + " spilled" : "") + ")";
        }

        /** Spark writes {@code 2026-11-22T03:41:06.870GMT}. */
        private static Instant instant(JsonNode node) {
            if (node == null || !node.isString()) {
                return Instant.MIN;
            }
            try {
                return Instant.parse(node.asString().replace("GMT", "Z"));
            } catch (DateTimeParseException e) {
                return Instant.MIN;
            }
        }
    }

    private static Long positive(JsonNode node) {
        return node != null && node.isNumber() && node.asLong() > 0 ? node.asLong() : null;
    }

    private static long orZero(JsonNode node) {
        return node != null && node.isNumber() ? Math.max(0, node.asLong()) : 0;
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Math.max(a, b);
    }

    private static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
