package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offline benchmark runs the service's path and prints its figures (speed itself is never asserted). */
class BenchCommandTest {

    @Test
    void benchOfflinePrintsThroughputLatencyAndCpuPerStageWithTheModels() {
        CliRun run = CliRun.run("bench", "offline", "--events", "300", "--warmup", "100");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .containsPattern("94 rules \\+ classifier model fc-[0-9a-f]{12} -> policy\\+tuner \\(model:oc-[0-9a-f]{12}\\)")
                .containsPattern("[0-9,]+ events/s wall, [0-9,]+ events per CPU-second of the thread")
                .containsPattern("p50 [0-9.]+ us, p99 [0-9.]+ us")
                .containsPattern("parse\\+validate\\+redact [0-9.]+ us, rules\\+model [0-9.]+ us, policy\\+tuner [0-9.]+ us, "
                        + "encode decision [0-9.]+ us");
    }

    @Test
    void benchOfflineCanLeaveTheModelsOut() {
        CliRun run = CliRun.run("bench", "offline", "--events", "200", "--warmup", "50", "--model", "none",
                "--outcome-model", "none");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("no classifier model").contains("policy+tuner (heuristics)")
                .containsPattern("rules [0-9.]+ us");
    }

    @Test
    void aBadNumberOfEventsIsRefusedWithAMessage() {
        CliRun run = CliRun.run("bench", "offline", "--events", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--events must be at least 1");
    }
}
