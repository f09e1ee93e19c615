package dev.autoremediate.remediator.scheduler;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.IntFunction;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * One HTTP call of an adapter, with its endpoint's authentication, timeouts and short in-call retries (Spring's
 * {@link RetryTemplate}, exponential backoff) of retryable answers. Maps HTTP answers to {@link DeliveryResult}:
 * 2xx delivered; 409 delivered (the scheduler already has this command: the adapters send an idempotency key);
 * 408, 425, 429 and 5xx, connection failures and timeouts retryable; any other answer permanent.
 */
final class HttpDelivery {

    private final HttpEndpoint endpoint;
    private final HttpClient client;
    private final RetryTemplate retry;

    HttpDelivery(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder()
                .connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(endpoint.retries())
                .delay(endpoint.retryDelay())
                .multiplier(2.0)
                .includes(RetryableAnswer.class)
                .build());
    }

    HttpEndpoint endpoint() {
        return endpoint;
    }

    /**
     * POSTs a JSON body to {@code path} under the endpoint's base URL.
     *
     * @param headers extra headers, e.g. a signature; recomputed per try is not needed (the body does not change)
     * @param on409   what a 409 Conflict means for this call
     */
    DeliveryResult postJson(String path, String body, Map<String, String> headers, IntFunction<DeliveryResult> on409) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(endpoint.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "autoremediate")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        endpoint.authorization().ifPresent(value -> builder.header("Authorization", value));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        try {
            return retry.execute(() -> {
                DeliveryResult result = once(request, on409);
                if (result.state() == DeliveryResult.State.RETRYABLE_FAILURE) {
                    throw new RetryableAnswer(result);
                }
                return result;
            });
        } catch (RetryException e) {
            if (e.getLastException() instanceof RetryableAnswer answer) {
                return answer.result;
            }
            Throwable cause = e.getLastException() == null ? e : e.getLastException();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.retryable(cause.toString());
        }
    }

    private DeliveryResult once(HttpRequest request, IntFunction<DeliveryResult> on409) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return DeliveryResult.retryable(request.method() + " " + request.uri() + ": " + e);
        }
        int status = response.statusCode();
        String detail = "HTTP " + status + " from " + request.method() + " " + request.uri().getPath() + ": "
                + excerpt(response.body());
        if (status >= 200 && status < 300) {
            return DeliveryResult.delivered(detail);
        }
        if (status == 409) {
            return on409.apply(status);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return DeliveryResult.retryable(detail);
        }
        return DeliveryResult.permanent(detail);
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    /** A path segment, percent-encoded (spaces as %20, not +). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Carries a retryable answer through the retry template. */
    private static final class RetryableAnswer extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient DeliveryResult result;

        RetryableAnswer(DeliveryResult result) {
            super(result.detail(), null, false, false);
            this.result = result;
        }
    }
}
