package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;
import dev.autoremediate.tuner.MemorySize;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** classify and decide as a user runs them, in-process: files in, files out, errors on stderr. */
class OfflineCommandsTest {

    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    private record Run(int exitCode, String stderr, List<Decision> decisions) {
    }

    private Run run(String... args) throws Exception {
        CommandLine cli = dev.autoremediate.remediator.cli.AutoremediateCli.commandLine();
        var err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute(args);
        Path out = dir.resolve("out.jsonl");
        List<Decision> decisions = Files.exists(out)
                ? Files.readAllLines(out).stream().map(l -> codec.read(l, Decision.class)).toList() : List.of();
        return new Run(code, err.toString(), decisions);
    }

    private Path input(String... lines) throws Exception {
        return Files.write(dir.resolve("in.jsonl"), List.of(lines));
    }

    @Test
    void classify_writes_one_decision_per_valid_line_in_order_and_reports_bad_lines_by_number() throws Exception {
        Path in = input(codec.write(FailureEvents.heapOom("a")),
                "{not json",
                codec.write(FailureEvents.tableNotFound("b")),
                "",
                codec.write(FailureEvents.heapOom("c")).replace("\"runId\":\"c/2026-11-22\",", ""),
                codec.write(FailureEvents.unrecognised("d")));

        Run run = run("classify", "--input", in.toString(), "--output", dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.decisions()).extracting(Decision::jobId).containsExactly("a", "b", "d");
        assertThat(run.decisions()).extracting(d -> d.classification().category())
                .containsExactly(FailureCategory.MEMORY_EXECUTOR_OOM, FailureCategory.SQL_ANALYSIS, FailureCategory.UNKNOWN);
        assertThat(run.decisions().get(0).action().configChanges()).isEmpty();
        assertThat(run.decisions().get(0).classification().rulePackVersion()).isNotBlank();
        assertThat(run.stderr().lines().toList()).hasSize(2);
        assertThat(run.stderr()).contains("line 2: invalid event: $: malformed JSON")
                .contains("line 5: invalid event: job.runId");
    }

    @Test
    void classify_with_an_empty_rules_directory_knows_no_rule() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("no-rules"));
        Path in = input(codec.write(FailureEvents.heapOom("a")), codec.write(FailureEvents.tableNotFound("b")));

        Run run = run("classify", "--rules", empty.toString(), "--model", "none", "--input", in.toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.decisions()).extracting(d -> d.classification().category())
                .containsOnly(FailureCategory.UNKNOWN);
        assertThat(run.decisions()).extracting(d -> d.action().type()).containsOnly(ActionType.RETRY);
    }

    @Test
    void classify_with_no_rules_asks_the_bundled_model() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("no-rules"));
        Path in = input(codec.write(FailureEvents.heapOom("a")), codec.write(FailureEvents.tableNotFound("b")));

        Run run = run("classify", "--rules", empty.toString(), "--input", in.toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.decisions()).extracting(d -> d.classification().category())
                .containsExactly(FailureCategory.MEMORY_EXECUTOR_OOM, FailureCategory.SQL_ANALYSIS);
        assertThat(run.decisions()).allSatisfy(d -> {
            assertThat(d.classification().source()).isEqualTo(ClassificationSource.MODEL);
            assertThat(d.classification().modelVersion()).matches("fc-[0-9a-f]{12}");
            assertThat(d.classification().confidence()).isGreaterThanOrEqualTo(0.3);
            assertThat(d.classification().model().category()).isEqualTo(d.classification().category());
        });
        assertThat(run.decisions()).extracting(d -> d.action().type())
                .containsExactly(ActionType.RETRY, ActionType.NO_RETRY);
    }

    @Test
    void classify_refuses_a_model_file_that_is_not_a_model() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.tribuo"), "not a model");
        Path in = input(codec.write(FailureEvents.heapOom("a")));

        Run run = run("classify", "--model", bogus.toString(), "--input", in.toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("--model " + bogus);
        assertThat(run.decisions()).isEmpty();
    }

    @Test
    void a_rule_and_a_model_that_disagree_on_a_memory_category_are_both_recorded() throws Exception {
        // the rule pack says MEMORY_OVERHEAD for a container kill; a model that learnt only heap failures disagrees
        Path in = input(codec.write(FailureEvents.containerKilled("a")));
        Path model = dir.resolve("heap-only.tribuo");
        var heap = new dev.autoremediate.model.TrainingExample(FailureEvents.containerKilled("x"), FailureCategory.MEMORY_EXECUTOR_OOM);
        var sql = new dev.autoremediate.model.TrainingExample(FailureEvents.tableNotFound("y"), FailureCategory.SQL_ANALYSIS);
        new dev.autoremediate.model.FailureClassifierTrainer().train(List.of(heap, sql)).save(model);

        Run run = run("classify", "--model", model.toString(), "--min-confidence", "0", "--input", in.toString(),
                "--output", dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isZero();
        var c = run.decisions().get(0).classification();
        assertThat(c.source()).isEqualTo(ClassificationSource.RULE);
        assertThat(c.category()).isEqualTo(FailureCategory.MEMORY_OVERHEAD);
        assertThat(c.model()).isNotNull();
        assertThat(c.model().category()).isEqualTo(FailureCategory.MEMORY_EXECUTOR_OOM);
        assertThat(c.explanation()).contains("the model " + c.model().modelVersion() + " says MEMORY_EXECUTOR_OOM");
    }

    @Test
    void a_second_unknown_attempt_of_the_same_run_in_the_input_is_escalated() throws Exception {
        FailureEvent first = FailureEvents.unrecognised("u");
        Path in = input(codec.write(first), codec.write(FailureEvents.attempt(first, 2)));

        Run run = run("classify", "--input", in.toString(), "--output", dir.resolve("out.jsonl").toString());

        assertThat(run.decisions()).extracting(d -> d.action().type()).containsExactly(ActionType.RETRY, ActionType.ESCALATE);
    }

    @Test
    void decide_adds_the_tuned_config_changes_and_sizes_them_from_the_history() throws Exception {
        Path in = input(codec.write(FailureEvents.heapOom("a")), codec.write(FailureEvents.heapOom("b")));
        // b's last successful run had 16g executors whose heap peaked at 12 GiB on the same input
        long gib = 1L << 30;
        var metrics = new RunMetrics(50 * gib, 20 * gib, 20 * gib, 0L, 12 * gib, 13 * gib, 2 * gib, 0L, 1800L, 50, 4000);
        var outcome = new JobOutcome(1, "b", "b/2026-11-21", 1, Instant.parse("2026-11-21T10:00:00Z"), true,
                Map.of("spark.executor.memory", "16g"), metrics, null);
        Path history = Files.write(dir.resolve("history.jsonl"), List.of(codec.write(outcome), "garbage"));

        Run run = run("decide", "--history", history.toString(), "--input", in.toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.decisions()).hasSize(2);
        // no history for a; b needed 12 GiB of heap last time, so its retry is sized for that
        String a = run.decisions().get(0).action().configChanges().get("spark.executor.memory").to();
        String b = run.decisions().get(1).action().configChanges().get("spark.executor.memory").to();
        assertThat(MemorySize.parse(a).mebibytes()).isGreaterThan(8 * 1024).isLessThan(MemorySize.parse(b).mebibytes());
        assertThat(run.decisions().get(1).action().reason()).contains("last successful run b/2026-11-21");
        assertThat(run.decisions()).allSatisfy(d -> assertThat(d.action().predictedSuccess()).isNotNull());
        assertThat(run.stderr()).contains("history line 2");
    }

    @Test
    void an_unreadable_input_exits_with_1() throws Exception {
        Run run = run("classify", "--input", dir.resolve("missing.jsonl").toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("missing.jsonl");
    }

    @Test
    void a_rules_directory_that_does_not_compile_is_reported_with_file_and_line() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("broken-rules"));
        Files.writeString(rules.resolve("broken.drl"), """
                package dev.autoremediate.rules.pack;
                rule "BRK-001 broken"
                when
                    this is not drl
                then
                end
                """);
        Path in = input(codec.write(FailureEvents.heapOom("a")));

        Run run = run("classify", "--rules", rules.toString(), "--input", in.toString(), "--output",
                dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("broken.drl:");
        assertThat(run.decisions()).isEmpty();
    }
}
