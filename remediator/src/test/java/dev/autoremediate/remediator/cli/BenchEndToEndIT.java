package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench e2e} really runs: its own in-process broker, the passthrough, then the service on an H2 file store, and
 * prints both sides and their ratio (speed itself is never asserted).
 */
class BenchEndToEndIT {

    @Test
    void benchE2eRunsBothSidesAndPrintsTheRatio() {
        CliRun run = CliRun.run("bench", "e2e", "--events", "300", "--warmup", "100");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .containsPattern("passthrough +[0-9,]+ events/s; event-to-output latency p50 [0-9]+ ms, p99 [0-9]+ ms")
                .containsPattern("service +[0-9,]+ events/s; event-to-output latency p50 [0-9]+ ms, p99 [0-9]+ ms")
                .containsPattern("[0-9,]+ us CPU per event, whole JVM")
                // the service's own threads are named in its breakdown: its consumer is where a decision is made
                .containsPattern("threads, us CPU per event: .*failureListenerContainer-#-C-# [0-9,]+")
                .containsPattern("ratio +service / passthrough = [0-9.]+ \\(target >= 0.50\\)");
    }
}
