package dev.autoremediate.remediator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.support.RecordingHttpServer;
import dev.autoremediate.remediator.support.RecordingHttpServer.Answer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic webhook against a local HTTP server that verifies it as a receiver would: the body is the RetryCommand
 * JSON of contract v1, the bearer token is sent, and the HMAC-SHA256 signature over timestamp and raw body checks.
 */
class WebhookSchedulerClientTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:16:00Z");
    private final ContractCodec codec = new ContractCodec();
    private final RecordingHttpServer receiver = RecordingHttpServer.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookSchedulerClient client(String path, String secret) {
        return new WebhookSchedulerClient(HttpEndpoint.of(receiver.baseUrl() + path).withBearerToken("hook-token")
                .withRetries(1, Duration.ofMillis(10)), secret, codec, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void the_retry_command_is_posted_as_contract_json_signed_and_with_the_bearer_token() throws Exception {
        var request = Requests.retry("oozie", "etl.daily", "etl.daily/2026-11-22", Map.of("spark.driver.memory", "6g"));

        DeliveryResult result = client("/hooks/autoremediate?team=etl", "whsec-123").deliver(request);

        assertThat(result.delivered()).isTrue();
        var r = receiver.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/autoremediate");
        assertThat(r.query()).isEqualTo("team=etl");
        assertThat(r.header("Authorization")).isEqualTo("Bearer hook-token");
        assertThat(r.header("Idempotency-Key")).isEqualTo(Requests.COMMAND_ID);
        assertThat(r.header("X-Autoremediate-Scheduler")).isEqualTo("oozie");
        assertThat(codec.read(r.body(), RetryCommand.class)).isEqualTo(request.command());

        // what a receiver does: recompute the HMAC over timestamp + "." + raw body and compare in constant time
        String timestamp = r.header(WebhookSchedulerClient.TIMESTAMP_HEADER);
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        String expected = "sha256=" + WebhookSchedulerClient.sign("whsec-123".getBytes(StandardCharsets.UTF_8),
                timestamp, r.body());
        assertThat(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                r.header(WebhookSchedulerClient.SIGNATURE_HEADER).getBytes(StandardCharsets.UTF_8))).isTrue();
        String forged = "sha256=" + WebhookSchedulerClient.sign("other-secret".getBytes(StandardCharsets.UTF_8),
                timestamp, r.body());
        assertThat(r.header(WebhookSchedulerClient.SIGNATURE_HEADER)).isNotEqualTo(forged);
    }

    @Test
    void the_signature_is_the_documented_hmac_of_a_known_input() {
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
        assertThat(WebhookSchedulerClient.sign("key".getBytes(StandardCharsets.UTF_8), "1700000000", "{\"a\":1}"))
                .isEqualTo("a438e398bfafc57e4396bb7fc2304422f0f768e965d073ca313cb52e22e6ad03");
    }

    @Test
    void without_a_secret_no_signature_is_sent() {
        assertThat(client("/", null).deliver(Requests.retry("", "j", "j/r", Map.of())).delivered()).isTrue();

        var r = receiver.requests().get(0);
        assertThat(r.header(WebhookSchedulerClient.SIGNATURE_HEADER)).isNull();
        assertThat(r.header("X-Autoremediate-Scheduler")).isNull();
    }

    @Test
    void throttling_is_retried_and_a_rejected_payload_is_permanent() {
        receiver.then(Answer.of(429, "{}"), Answer.of(204, ""), Answer.of(422, "{\"error\":\"unknown job\"}"));
        var client = client("/hook", "s");

        assertThat(client.deliver(Requests.retry("", "j", "j/r", Map.of())).delivered()).isTrue();
        DeliveryResult rejected = client.deliver(Requests.retry("", "j", "j/r", Map.of()));

        assertThat(rejected.state()).isEqualTo(DeliveryResult.State.PERMANENT_FAILURE);
        assertThat(rejected.detail()).contains("422").contains("unknown job");
        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void an_unreachable_receiver_is_a_retryable_failure() {
        int port = dev.autoremediate.remediator.broker.InProcessKafkaBroker.freePort();
        var client = new WebhookSchedulerClient(HttpEndpoint.of("http://127.0.0.1:" + port + "/hook")
                .withRetries(0, Duration.ofMillis(10)), "s", codec, Clock.systemUTC());

        DeliveryResult result = client.deliver(Requests.retry("", "j", "j/r", Map.of()));

        assertThat(result.state()).isEqualTo(DeliveryResult.State.RETRYABLE_FAILURE);
        assertThat(result.detail()).contains("ConnectException");
    }
}
