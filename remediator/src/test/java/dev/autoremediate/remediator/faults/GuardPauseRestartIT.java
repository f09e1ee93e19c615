package dev.autoremediate.remediator.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.remediator.app.AutoremediateApplication;
import dev.autoremediate.remediator.approval.GuardControls;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.store.DecisionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On-call's pause survives a restart of the service on its embedded H2 file store (one process alone: the guard keeps
 * the pause in memory, read from the store once): paused, stopped, started again in the same directory, the next
 * retry is still held with the pause's reason; resumed, the next one goes out.
 */
class GuardPauseRestartIT {

    @TempDir
    Path dir;

    private InProcessKafkaBroker broker;
    private ConfigurableApplicationContext service;

    @BeforeEach
    void startBroker() {
        broker = InProcessKafkaBroker.start(dir.resolve("kafka"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        broker.close();
    }

    @Test
    void a_pause_holds_retries_after_a_restart_on_the_embedded_store_until_resumed() {
        service = start();
        var paused = service.getBean(GuardControls.class).pause("oncall", "scheduler outage INC-9", null);
        service.close();

        service = start();

        Decision held = decide("restart-held");
        assertThat(held.status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
        assertThat(held.action().reason()).endsWith("held for approval: automatic retries paused by oncall at "
                + paused.pause().at() + ": scheduler outage INC-9");
        assertThat(service.getBean(GuardControls.class).view().automaticRetries()).isEqualTo("PAUSED");

        service.getBean(GuardControls.class).resume("oncall", "over");
        assertThat(decide("restart-after").status()).isEqualTo(DecisionStatus.APPLIED);
    }

    private Decision decide(String job) {
        service.getBean(FailureDecisionService.class).handle(FailureEvents.s3SlowDown(job));
        return service.getBean(DecisionStore.class).findByEventId(job + "-evt-1").orElseThrow();
    }

    private ConfigurableApplicationContext start() {
        return AutoremediateApplication.run(
                "--spring.main.web-application-type=none",
                "--autoremediate.data-dir=" + dir.resolve("data"),
                "--autoremediate.kafka.bootstrap-servers=" + broker.bootstrapServers());
    }
}
