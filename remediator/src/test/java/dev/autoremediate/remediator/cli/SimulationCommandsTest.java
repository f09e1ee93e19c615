package dev.autoremediate.remediator.cli;

import static dev.autoremediate.remediator.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import dev.autoremediate.remediator.simulation.SimulationSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationCommandsTest {

    @TempDir
    Path dir;

    @Test
    void simulate_prints_a_json_summary_that_the_same_seed_repeats() {
        CliRun first = run("simulate", "--jobs", "40", "--days", "8", "--seed", "3", "--heuristic-only");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        SimulationSummary summary = new ContractCodec().read(first.stdout().strip(), SimulationSummary.class);
        assertThat(summary.jobs()).isEqualTo(40);
        assertThat(summary.days()).isEqualTo(8);
        assertThat(summary.strategies()).extracting(SimulationSummary.Result::strategy)
                .containsExactly("tuned", "plain-retry", "double-memory", "maestro-default", "oracle");
        assertThat(first.stdout()).contains("\"memoryFixedOnFirstRetryShare\"", "\"retryGbHoursVsOracle\"",
                "\"doomedRetriesAvoided\"", "\"attemptsPerFixedFailure\"", "\"failuresByCategory\"");

        assertThat(run("simulate", "--jobs", "40", "--days", "8", "--seed", "3", "--heuristic-only").stdout())
                .isEqualTo(first.stdout());
    }

    @Test
    void simulate_refuses_an_empty_population() {
        CliRun run = run("simulate", "--jobs", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--jobs");
    }

    @Test
    void train_outcome_writes_a_model_that_evaluate_outcome_scores() throws Exception {
        Path model = dir.resolve("m.tribuo");
        CliRun train = run("train", "outcome", "--jobs", "150", "--days", "10", "--output", model.toString());
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(train.stdout()).contains("retry-outcome model oc-", "held out (by job id)", "log-loss", "AUC",
                "reliability");
        assertThat(RetryOutcomeModel.load(model).version()).startsWith("oc-");

        CliRun evaluate = run("evaluate", "outcome", "--model", model.toString(), "--jobs", "150", "--days", "10");
        assertThat(evaluate.exitCode()).as(evaluate.stderr()).isZero();
        assertThat(evaluate.stdout()).contains("== model", "== the tuner's heuristics", "log-loss", "AUC",
                "reliability", "== per category", "MEMORY_");
    }

    @Test
    void train_outcome_with_the_defaults_rebuilds_the_bundled_model_byte_for_byte() throws Exception {
        Path model = dir.resolve("again.tribuo");
        CliRun train = run("train", "outcome", "--output", model.toString());
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        try (var bundled = RetryOutcomeModel.class.getResourceAsStream(RetryOutcomeModel.BUNDLED_RESOURCE)) {
            assertThat(Files.readAllBytes(model)).isEqualTo(bundled.readAllBytes());
        }
    }
}
