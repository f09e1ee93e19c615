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

    @Test
    void benchE2eAtAFixedRateSpacesTheEventsAndPrintsTheLatency() {
        CliRun run = CliRun.run("bench", "e2e", "--events", "200", "--warmup", "100", "--rate", "100");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .contains("200 events per side (after 100 warm-up), 100 per second")
                .containsPattern("at 100/s +service (kept up|fell behind) \\([0-9,]+ events/s\\); p99 event-to-output: "
                        + "service [0-9]+ ms, passthrough [0-9]+ ms")
                .doesNotContain("ratio");
        // 200 events spaced 10 ms apart take at least 1.99 s to send: neither side can report much over 100 per second
        var rates = java.util.regex.Pattern.compile("(passthrough|service) +([0-9,]+) events/s;").matcher(run.stdout());
        int sides = 0;
        while (rates.find()) {
            sides++;
            assertThat(Integer.parseInt(rates.group(2).replace(",", ""))).as(rates.group()).isBetween(1, 101);
        }
        assertThat(sides).isEqualTo(2);
    }
}
