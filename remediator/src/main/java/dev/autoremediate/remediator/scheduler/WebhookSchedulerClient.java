package dev.autoremediate.remediator.scheduler;

import dev.autoremediate.ingest.codec.ContractCodec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic HTTP webhook: {@code POST} of the RetryCommand JSON (contract v1, exactly as on
 * {@code job-retry-commands}) to one URL.
 *
 * <p>Headers: {@code Authorization: Bearer <token>} when a token is set; {@code Idempotency-Key: <commandId>};
 * {@code X-Autoremediate-Scheduler: <job.scheduler>}; and, when a secret is set, {@code X-Autoremediate-Timestamp:
 * <unix seconds>} with {@code X-Autoremediate-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 * The receiver recomputes the HMAC over the raw body, compares in constant time and rejects stale timestamps. A
 * receiver that has already seen the {@code commandId} answers 2xx (or 409) without running the job again.
 */
public final class WebhookSchedulerClient implements SchedulerClient {

    public static final String SIGNATURE_HEADER = "X-Autoremediate-Signature";
    public static final String TIMESTAMP_HEADER = "X-Autoremediate-Timestamp";

    private final HttpDelivery http;
    private final String path;
    private final byte[] secret;
    private final ContractCodec codec;
    private final Clock clock;

    /**
     * @param endpoint the webhook URL (its path is used as is) and credentials
     * @param secret   the HMAC key; null or empty sends no signature
     */
    public WebhookSchedulerClient(HttpEndpoint endpoint, String secret, ContractCodec codec, Clock clock) {
        this.http = new HttpDelivery(new HttpEndpoint(java.net.URI.create(endpoint.baseUrl().getScheme() + "://"
                + endpoint.baseUrl().getRawAuthority()), endpoint.bearerToken(), endpoint.username(), endpoint.password(),
                endpoint.connectTimeout(), endpoint.requestTimeout(), endpoint.retries(), endpoint.retryDelay()));
        String raw = endpoint.baseUrl().getRawPath() == null || endpoint.baseUrl().getRawPath().isEmpty() ? "/"
                : endpoint.baseUrl().getRawPath();
        this.path = endpoint.baseUrl().getRawQuery() == null ? raw : raw + "?" + endpoint.baseUrl().getRawQuery();
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public DeliveryResult deliver(RetryRequest request) {
        String body = codec.write(request.command());
        var headers = new LinkedHashMap<String, String>();
        headers.put("Idempotency-Key", request.command().commandId());
        if (!request.schedulerName().isEmpty()) {
            headers.put("X-Autoremediate-Scheduler", request.schedulerName());
        }
        if (secret != null) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            headers.put(TIMESTAMP_HEADER, timestamp);
            headers.put(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body));
        }
        return http.postJson(path, body, headers,
                status -> DeliveryResult.delivered("HTTP 409: the receiver already has command "
                        + request.command().commandId()));
    }

    /** {@code hex(HMAC-SHA256(secret, timestamp + "." + body))}: what a receiver recomputes to verify. */
    public static String sign(byte[] secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
