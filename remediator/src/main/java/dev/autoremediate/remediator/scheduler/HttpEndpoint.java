package dev.autoremediate.remediator.scheduler;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how an HTTP adapter calls its scheduler.
 *
 * @param baseUrl        the scheduler's base URL, e.g. {@code https://airflow.example.com} (no trailing path needed)
 * @param bearerToken    sent as {@code Authorization: Bearer …} when set
 * @param username       with {@code password}: HTTP basic authentication, when no bearer token is set
 * @param password       see {@code username}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the whole answer
 * @param retries        in-call retries of a retryable failure (0 = one try); long waits are the outbox's backoff
 * @param retryDelay     first delay between in-call retries, doubled each time
 */
public record HttpEndpoint(URI baseUrl, String bearerToken, String username, String password, Duration connectTimeout,
        Duration requestTimeout, int retries, Duration retryDelay) {

    public HttpEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("scheduler URL must be http or https: " + baseUrl);
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
        retryDelay = retryDelay == null ? Duration.ofMillis(500) : retryDelay;
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0: " + retries);
        }
    }

    public static HttpEndpoint of(String baseUrl) {
        return new HttpEndpoint(URI.create(baseUrl), null, null, null, null, null, 2, null);
    }

    public HttpEndpoint withBearerToken(String token) {
        return new HttpEndpoint(baseUrl, token, username, password, connectTimeout, requestTimeout, retries, retryDelay);
    }

    public HttpEndpoint withBasicAuth(String user, String pass) {
        return new HttpEndpoint(baseUrl, bearerToken, user, pass, connectTimeout, requestTimeout, retries, retryDelay);
    }

    public HttpEndpoint withTimeouts(Duration connect, Duration request) {
        return new HttpEndpoint(baseUrl, bearerToken, username, password, connect, request, retries, retryDelay);
    }

    public HttpEndpoint withRetries(int count, Duration delay) {
        return new HttpEndpoint(baseUrl, bearerToken, username, password, connectTimeout, requestTimeout, count, delay);
    }

    /**
     * The longest one call to the scheduler can take: every try waits for its connection and its whole answer, and
     * the in-call retries wait their doubling delays in between. An adapter may make more than one call per delivery.
     */
    public Duration longestCall() {
        Duration tries = connectTimeout.plus(requestTimeout).multipliedBy(retries + 1L);
        Duration waits = retryDelay.multipliedBy((1L << Math.min(retries, 30)) - 1);
        return tries.plus(waits);
    }

    /** The value of the {@code Authorization} header, if any credentials are configured. */
    public Optional<String> authorization() {
        if (bearerToken != null && !bearerToken.isBlank()) {
            return Optional.of("Bearer " + bearerToken);
        }
        if (username != null && !username.isBlank()) {
            String pair = username + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /** The base URL with {@code path} appended (the base's own path kept, one slash between). */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    @Override
    public String toString() {
        // never print credentials
        return "HttpEndpoint[" + baseUrl + ", auth=" + (bearerToken != null && !bearerToken.isBlank() ? "bearer"
                : username != null && !username.isBlank() ? "basic" : "none") + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", retries=" + retries + "]";
    }
}
