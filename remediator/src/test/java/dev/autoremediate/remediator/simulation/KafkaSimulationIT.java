package dev.autoremediate.remediator.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.support.TempDirs;
import dev.autoremediate.remediator.support.ServiceProperties;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The simulator plays scheduler and platform against the running service through a real in-JVM KRaft broker: it
 * produces failures and outcomes, the service decides, and the simulator runs the retries its commands ask for.
 */
@SpringBootTest(classes = AutoremediateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KafkaSimulationIT {

    private static final java.nio.file.Path DIR;
    private static final InProcessKafkaBroker broker;

    static {
        DIR = TempDirs.create("kafka-simulation-it");
        broker = InProcessKafkaBroker.start(DIR.resolve("kafka"), 0);
    }

    @DynamicPropertySource
    static void kafkaAndDatabase(DynamicPropertyRegistry registry) {
        ServiceProperties.register(registry, broker, DIR, "kafka-simulation-it");
        registry.add("autoremediate.outbox.sweep-interval", () -> "1s");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void every_failure_gets_a_decision_and_the_retries_the_service_asks_for_are_run() {
        var simulation = new KafkaSimulation(broker.bootstrapServers(), KafkaRetryStrategy.Topics.DEFAULT, 4,
                64 * 1024, Duration.ofSeconds(30));

        KafkaSimulation.Result result = simulation.run(17, 40, 6, "it");

        assertThat(result.unanswered()).isZero();
        SimulationSummary.Result service = result.strategies().get(0);
        SimulationSummary.Result oracle = result.strategies().get(1);
        assertThat(service.strategy()).isEqualTo("service-it");
        assertThat(result.decisions()).isGreaterThanOrEqualTo((int) (service.fixedFailures() + service.doomedFailures()));
        // the service reads its rules: no doomed run is retried, and memory failures are retried with more memory
        assertThat(service.doomedRetries()).isZero();
        assertThat(service.memoryFailures()).isPositive();
        assertThat(service.memoryFixedOnFirstRetryShare()).isGreaterThan(0.7);
        assertThat(service.meanPredictedSuccess()).isNotNull();
        assertThat(oracle.retryGbHoursVsOracle()).isEqualTo(1.0);
    }
}
