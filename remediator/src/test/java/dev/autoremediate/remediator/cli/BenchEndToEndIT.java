package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench e2e} really runs: its own in-process broker, the passthrough and the service on an H2 file store, in
 * rounds, and prints both sides and their ratio (speed itself is never asserted).
 */
class BenchEndToEndIT {

    @Test
    void benchE2eRunsBothSidesAndPrintsTheRatio() {
        CliRun run = CliRun.run("bench", "e2e", "--events", "300", "--warmup", "100", "--rounds", "3");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        // one line per round, and the ratio printed is the median of the rounds' ratios
        var rounds = java.util.regex.Pattern.compile("round (\\d+) +passthrough +[0-9,]+ events/s, p99 [0-9]+ ms; "
                + "service +[0-9,]+ events/s, p99 [0-9]+ ms; ratio ([0-9.]+)").matcher(run.stdout());
        var ratios = new java.util.ArrayList<Double>();
        while (rounds.find()) {
            assertThat(Integer.parseInt(rounds.group(1))).isEqualTo(ratios.size() + 1);
            ratios.add(Double.parseDouble(rounds.group(2)));
        }
        assertThat(ratios).hasSize(3);
        var sorted = ratios.stream().sorted().toList();
        assertThat(run.stdout()).contains(String.format(java.util.Locale.ROOT,
                "service / passthrough = %.2f (target >= 0.50), median of 3 rounds (%.2f-%.2f)",
                sorted.get(1), sorted.get(0), sorted.get(2)));
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
        CliRun run = CliRun.run("bench", "e2e", "--events", "200", "--warmup", "100", "--rate", "100", "--rounds", "2");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout())
                .contains("200 events per side (after 100 warm-up), 100 per second, 2 rounds")
                .containsPattern("at 100/s +service (kept up|fell behind) \\([0-9,]+ events/s\\); p99 event-to-output: "
                        + "service [0-9]+ ms, passthrough [0-9]+ ms; service kept up in [0-2] of 2 rounds")
                .doesNotContain("service / passthrough");
        // 200 events spaced 10 ms apart take at least 1.99 s to send: no side of any round can report much over 100
        // per second (2 round lines with both sides, and the median round's 2 detail lines)
        var rates = java.util.regex.Pattern.compile("(passthrough|service) +([0-9,]+) events/s[;,]").matcher(run.stdout());
        int sides = 0;
        while (rates.find()) {
            sides++;
            assertThat(Integer.parseInt(rates.group(2).replace(",", ""))).as(rates.group()).isBetween(1, 101);
        }
        assertThat(sides).isEqualTo(6);
    }
}
