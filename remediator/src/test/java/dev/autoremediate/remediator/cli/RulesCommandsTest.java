package dev.autoremediate.remediator.cli;

import static dev.autoremediate.remediator.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.rulepack.PackFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** rules test, rules backtest, rules catalog and evaluate as a user runs them, in-process. */
class RulesCommandsTest {

    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    @Test
    void rules_test_passes_the_bundled_pack_with_a_line_per_rule() {
        CliRun run = run("rules", "test");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("MEM-001  pass").contains("negative pass").contains(": PASS");
        assertThat(run.stdout().lines().filter(l -> l.matches("[A-Z]+-\\d{3} +pass .*")).count())
                .isGreaterThanOrEqualTo(80);
    }

    @Test
    void rules_test_fails_a_rule_whose_case_goes_elsewhere_and_exits_1() throws Exception {
        Path rules = dir.resolve("rules");
        PackFiles.writeSmallPack(rules, "disk full");
        Files.writeString(rules.resolve("disk.cases.jsonl"),
                "{\"rule\": \"DSK-001\", \"category\": \"DISK_SPACE\", \"message\": \"quota exceeded\"}\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        CliRun run = run("rules", "test", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).contains("DSK-001  FAIL").contains("disk.cases.jsonl:5: expected DSK-001, decided by no rule")
                .contains(": FAIL");
    }

    @Test
    void rules_test_reports_a_pack_that_does_not_compile_with_file_and_line_and_exits_2() throws Exception {
        Path rules = dir.resolve("rules");
        PackFiles.writeSmallPack(rules, "disk full");
        Files.writeString(rules.resolve("broken.drl"), "package dev.autoremediate.rules.pack;\nrule \"X-001 x\" when then\n");
        Files.writeString(rules.resolve("bad.cases.jsonl"), "{\"rule\": \"DSK-001\"}\n");

        CliRun run = run("rules", "test", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("bad.cases.jsonl:1: missing \"category\"");
    }

    @Test
    void backtest_lists_the_events_whose_decision_changes_and_writes_json() throws Exception {
        Path baseline = dir.resolve("baseline");
        Path candidate = dir.resolve("candidate");
        PackFiles.writeSmallPack(baseline, "disk full");
        PackFiles.writeSmallPack(candidate, "disk full");
        Files.writeString(candidate.resolve("disk.drl"), Files.readString(candidate.resolve("disk.drl"))
                .replace("@action(\"ESCALATE\")", "@action(\"NO_RETRY\")"));
        var lines = new java.util.ArrayList<String>();
        for (int i = 0; i < 1500; i++) {
            lines.add(codec.write(i % 3 == 0
                    ? FailureEvents.spark("disk-" + i, 1, null, "java.io.IOException: No space left on device", null)
                    : FailureEvents.heapOom("heap-" + i)));
        }
        lines.add(700, "{broken");
        Path in = Files.write(dir.resolve("events.jsonl"), lines);
        Path json = dir.resolve("backtest.json");

        CliRun run = run("rules", "backtest", "--rules", candidate.toString(), "--baseline", baseline.toString(),
                "--input", in.toString(), "--json", json.toString(), "--max-rows", "3");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("1500 events, 500 decisions change")
                .containsPattern("ESCALATE +500 +0 +-500").containsPattern("NO_RETRY +0 +500 +\\+500")
                .contains("first 3 shown").contains("events/s");
        assertThat(run.stderr()).contains("line 701: invalid event");
        JsonNode root = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(root.path("events").asLong()).isEqualTo(1500);
        assertThat(root.path("changes")).hasSize(500);
        JsonNode first = root.path("changes").get(0);
        assertThat(first.path("line").asLong()).isEqualTo(1);
        assertThat(first.path("before").path("action").asString()).isEqualTo("ESCALATE");
        assertThat(first.path("after").path("action").asString()).isEqualTo("NO_RETRY");
        assertThat(root.path("actions").path("ESCALATE").path("before").asLong()).isEqualTo(500);
    }

    @Test
    void evaluate_scores_labelled_events_and_lists_the_misclassified_ones() throws Exception {
        Path events = Files.write(dir.resolve("events.jsonl"), List.of(
                codec.write(FailureEvents.heapOom("a")),
                codec.write(FailureEvents.tableNotFound("b")),
                codec.write(FailureEvents.unrecognised("c")),
                codec.write(FailureEvents.s3SlowDown("d"))));
        Path truth = Files.write(dir.resolve("truth.jsonl"), List.of(
                "{\"eventId\": \"a-evt-1\", \"category\": \"MEMORY_EXECUTOR_OOM\", \"retryable\": true}",
                "{\"eventId\": \"b-evt-1\", \"category\": \"SQL_ANALYSIS\", \"retryable\": false}",
                "{\"eventId\": \"c-evt-1\", \"category\": \"UNKNOWN\"}",
                "{\"eventId\": \"d-evt-1\", \"category\": \"PERMISSION\", \"retryable\": false}"));

        CliRun run = run("evaluate", "--input", events.toString(), "--truth", truth.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("category accuracy   0.750 (3/4)")
                .contains("retryable accuracy  0.667 (2/3")
                .containsPattern("PERMISSION +1 +0 +- +0.000")
                .contains("misclassified: 1").contains("d-evt-1  label=PERMISSION/false got=TRANSIENT_IO/true by IO-001");
    }

    @Test
    void evaluate_reads_a_labelled_corpus_and_writes_it_as_events_and_labels() throws Exception {
        Path corpus = Files.write(dir.resolve("corpus.jsonl"), List.of(
                "{\"id\": \"x-1\", \"engine\": \"spark\", \"message\": \"java.lang.OutOfMemoryError: Java heap space\", \"category\": \"MEMORY_EXECUTOR_OOM\", \"retryable\": true}",
                "{\"id\": \"x-2\", \"engine\": \"hive\", \"message\": \"FAILED: SemanticException [Error 10001]: Line 1:14 Table not found 'nope'\", \"category\": \"SQL_ANALYSIS\", \"retryable\": false}"));
        Path events = dir.resolve("ev.jsonl");
        Path truth = dir.resolve("tr.jsonl");

        CliRun run = run("evaluate", "--labelled", corpus.toString(), "--write-events", events.toString(),
                "--write-truth", truth.toString());
        CliRun again = run("evaluate", "--input", events.toString(), "--truth", truth.toString());

        assertThat(run.stdout()).contains("category accuracy   1.000 (2/2)");
        assertThat(again.stdout()).contains("category accuracy   1.000 (2/2)");
        assertThat(Files.readAllLines(truth)).hasSize(2).first().asString().contains("\"eventId\":\"corpus-x-1\"");
    }

    @Test
    void the_catalog_command_writes_markdown_with_every_rule() throws Exception {
        Path out = dir.resolve("catalog.md");

        CliRun run = run("rules", "catalog", "--output", out.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(out)).startsWith("# Rule catalog").contains("| MEM-001 |").contains("| DEP-006 |");
    }
}
