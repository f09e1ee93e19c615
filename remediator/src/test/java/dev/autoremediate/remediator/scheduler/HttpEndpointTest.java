package dev.autoremediate.remediator.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long one call to a scheduler can take at worst, which the outbox lease's TTL must cover twice. */
class HttpEndpointTest {

    @Test
    void theLongestCallIsEveryTryTimingOutPlusTheDoublingDelaysBetweenThem() {
        var endpoint = HttpEndpoint.of("https://airflow.example.com")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(2, Duration.ofMillis(500));

        // 3 tries of 5 s + 10 s, and waits of 0.5 s then 1 s between them: the adapters' defaults
        assertThat(endpoint.longestCall()).isEqualTo(Duration.ofMillis(46_500));
        assertThat(endpoint.longestCall()).isLessThan(Duration.ofMinutes(2).dividedBy(2));
    }

    @Test
    void withoutRetriesItIsOneTry() {
        var endpoint = HttpEndpoint.of("http://scheduler:8080")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withRetries(0, Duration.ofSeconds(1));

        assertThat(endpoint.longestCall()).isEqualTo(Duration.ofSeconds(5));
    }
}
