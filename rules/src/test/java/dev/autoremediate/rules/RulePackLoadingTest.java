package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.autoremediate.datasets.FailureEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs loaded from a directory: empty, broken, with bad metadata. */
class RulePackLoadingTest {

    @TempDir
    Path dir;

    @Test
    void an_empty_directory_is_a_pack_without_rules_that_matches_nothing() {
        RulePack pack = RulePack.fromDirectory(dir);

        assertThat(pack.rules()).isEmpty();
        assertThat(pack.classify(FailureEvents.heapOom("job-1")).matches()).isEmpty();
        assertThat(pack.version()).isEqualTo("e3b0c44298fc"); // sha-256 of nothing
    }

    @Test
    void every_drl_file_under_the_directory_is_loaded_recursively_and_other_files_are_ignored() throws IOException {
        DrlFiles.write(dir, "a.drl", DrlFiles.rule("TST-001 heap", 0.9, "text contains \"heap\""));
        DrlFiles.write(dir, "deep/er/b.drl", DrlFiles.rule("TST-002 space", 0.8, "text contains \"space\""));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        Files.writeString(dir.resolve("c.drl.bak"), "not a rule either");

        RulePack pack = RulePack.fromDirectory(dir);

        assertThat(pack.rules()).extracting(RuleInfo::ruleId, RuleInfo::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TST-001", "a.drl"),
                        org.assertj.core.groups.Tuple.tuple("TST-002", "deep/er/b.drl"));
        assertThat(pack.classify(FailureEvents.heapOom("job-1")).matches()).extracting(RuleMatch::ruleId)
                .containsExactly("TST-001", "TST-002");
    }

    @Test
    void a_drl_that_does_not_compile_fails_the_whole_pack_naming_its_file_and_line() {
        DrlFiles.write(dir, "good.drl", DrlFiles.rule("TST-001 fine", 0.9, "text contains \"heap\""));
        DrlFiles.write(dir, "sub/broken.drl", DrlFiles.rule("TST-002 broken", 0.9, "noSuchField == 1"));

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> RulePack.fromDirectory(dir));

        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("sub/broken.drl");
            assertThat(p.line()).isPositive();
        });
        assertThat(e.getMessage()).contains("sub/broken.drl:" + e.problems().get(0).line() + ":");
    }

    @Test
    void a_syntax_error_is_reported_with_its_file_and_line() {
        DrlFiles.write(dir, "syntax.drl", "rule \"TST-001 no end\"\nwhen\n    FailureFact( text contains \"x\" \nthen\n");

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> RulePack.fromDirectory(dir));

        assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).isEqualTo("syntax.drl"));
        assertThat(e.problems().get(0).line()).as("problems with a line come first").isEqualTo(8);
        assertThat(e.problems().get(0).message()).contains("mismatched input 'then'");
    }

    @Test
    void a_rule_with_a_confidence_above_one_is_rejected_naming_the_rule_file_and_line() {
        DrlFiles.write(dir, "meta.drl", DrlFiles.rule("TST-001 too sure", 1.5, "text contains \"x\""));

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> RulePack.fromDirectory(dir));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("meta.drl");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).contains("TST-001 too sure").contains("@confidence(1.5)");
        });
        assertThat(e.getMessage()).contains("meta.drl:5: rule \"TST-001 too sure\"");
    }

    @Test
    void missing_or_invalid_metadata_is_rejected_with_one_problem_per_mistake() {
        DrlFiles.write(dir, "meta.drl",
                DrlFiles.rule("TST-001 no category", """
                        @retryable(true) @confidence(0.5) @action("RETRY") @description("d")""", "text contains \"x\""),
                DrlFiles.rule("TST-002 bad action", """
                        @category("TIMEOUT") @retryable(true) @confidence(0.5) @action("REBOOT") @description("d")""",
                        "text contains \"x\""),
                DrlFiles.rule("TST-003 bad step", """
                        @category("MEMORY_OVERHEAD") @retryable(true) @confidence(0.5) @action("RETRY_WITH_CONFIG")
                        @steps("spark.executor.memoryOverhead*2; spark.executor.memory") @description("d")""",
                        "text contains \"x\""),
                DrlFiles.rule("TST-004 contradiction", """
                        @category("PERMISSION") @retryable(true) @confidence(0.5) @action("ESCALATE") @description("d")""",
                        "text contains \"x\""),
                DrlFiles.rule("TST-005 typo", """
                        @category("TIMEOUT") @retryable(true) @confidence(0.5) @action("RETRY") @delay(5) @description("d")""",
                        "text contains \"x\""),
                DrlFiles.rule("no id at all", 0.5, "text contains \"x\""),
                DrlFiles.rule("TST-007 steps without config", """
                        @category("TIMEOUT") @retryable(true) @confidence(0.5) @action("RETRY") @steps("a*2")
                        @description("d")""", "text contains \"x\""),
                DrlFiles.rule("TST-008 unknown", """
                        @category("UNKNOWN") @retryable(false) @confidence(0.5) @action("NO_RETRY") @description("d")""",
                        "text contains \"x\""),
                DrlFiles.rule("TST-009 no description", """
                        @category("TIMEOUT") @retryable(true) @confidence(0.5) @action("RETRY")""", "text contains \"x\""));

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> RulePack.fromDirectory(dir));

        assertThat(e.getMessage())
                .contains("\"TST-001 no category\": missing @category")
                .contains("\"TST-002 bad action\": @action(REBOOT) is not one of RETRY, RETRY_WITH_CONFIG, NO_RETRY, ESCALATE")
                .contains("\"TST-003 bad step\": @steps: config step 'spark.executor.memory' must look like")
                .contains("\"TST-004 contradiction\": @retryable(true) contradicts @action(ESCALATE)")
                .contains("\"TST-005 typo\": unknown metadata @delay")
                .contains("\"no id at all\": the rule name must start with a stable id")
                .contains("\"TST-007 steps without config\": only a RETRY_WITH_CONFIG action carries config steps")
                .contains("\"TST-008 unknown\": @category UNKNOWN is not a rule's answer")
                .contains("\"TST-009 no description\": missing @description");
        assertThat(e.problems()).hasSize(9).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("meta.drl");
            assertThat(p.line()).isPositive();
        });
        assertThat(e.problems()).extracting(BuildProblem::line).isSorted();
    }

    @Test
    void two_rules_with_the_same_id_in_different_files_are_rejected() {
        DrlFiles.write(dir, "a.drl", DrlFiles.rule("TST-001 first", 0.5, "text contains \"x\""));
        DrlFiles.write(dir, "b.drl", DrlFiles.rule("TST-001 second", 0.5, "text contains \"y\""));

        assertThatThrownBy(() -> RulePack.fromDirectory(dir))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("duplicate rule id TST-001");
    }

    @Test
    void two_rules_with_the_same_name_in_one_package_are_rejected() {
        DrlFiles.write(dir, "a.drl", DrlFiles.rule("TST-001 same", 0.5, "text contains \"x\""));
        DrlFiles.write(dir, "b.drl", DrlFiles.rule("TST-001 same", 0.6, "text contains \"y\""));

        assertThatThrownBy(() -> RulePack.fromDirectory(dir))
                .isInstanceOf(RulePackException.class)
                .hasMessageContaining("TST-001 same");
    }

    @Test
    void quoted_and_unquoted_metadata_values_mean_the_same() {
        DrlFiles.write(dir, "a.drl",
                DrlFiles.rule("TST-001 quoted", """
                        @category("MEMORY_OVERHEAD") @retryable("true") @confidence("0.75") @action("RETRY_WITH_CONFIG")
                        @steps("spark.executor.memoryOverhead*2;spark.executor.memory*1.25") @delaySeconds("45")
                        @description("quoted")""", "text contains \"x\""),
                DrlFiles.rule("TST-002 bare", """
                        @category(MEMORY_OVERHEAD) @retryable(true) @confidence(0.75) @action(RETRY_WITH_CONFIG)
                        @steps("spark.executor.memoryOverhead*2;spark.executor.memory*1.25") @delaySeconds(45)
                        @description("bare")""", "text contains \"y\""));

        RulePack pack = RulePack.fromDirectory(dir);

        assertThat(pack.rules()).hasSize(2);
        RuleInfo quoted = pack.rules().get(0);
        RuleInfo bare = pack.rules().get(1);
        assertThat(bare.category()).isEqualTo(quoted.category());
        assertThat(bare.retryable()).isEqualTo(quoted.retryable()).isTrue();
        assertThat(bare.confidence()).isEqualTo(quoted.confidence()).isEqualTo(0.75);
        assertThat(bare.action()).isEqualTo(quoted.action());
        assertThat(bare.action().steps()).hasSize(2);
        assertThat(bare.action().baseDelaySeconds()).isEqualTo(45);
    }

    @Test
    void a_file_that_is_not_utf8_is_rejected_by_name() throws IOException {
        Files.write(dir.resolve("latin1.drl"), new byte[] {'r', 'u', 'l', 'e', ' ', (byte) 0xE9, (byte) 0xFF});

        RulePackException e = catchThrowableOfType(RulePackException.class, () -> RulePack.fromDirectory(dir));

        assertThat(e.problems()).singleElement().extracting(BuildProblem::file).isEqualTo("latin1.drl");
    }

    @Test
    void a_pack_compiles_and_classifies_on_a_thread_whose_context_class_loader_cannot_see_drools() throws Exception {
        DrlFiles.write(dir, "a.drl", DrlFiles.rule("TST-001 heap", 0.9, "text contains \"heap\""));
        ClassLoader foreign = new ClassLoader(null) {
        };
        var result = new java.util.concurrent.atomic.AtomicReference<Object>();
        Thread thread = new Thread(() -> {
            try {
                RulePack pack = RulePack.fromDirectory(dir);
                RuleOutcome outcome = pack.classify(FailureEvents.heapOom("job-1"));
                result.set(Thread.currentThread().getContextClassLoader() == foreign
                        ? outcome.best().map(RuleMatch::ruleId).orElse("none") : "context loader not restored");
            } catch (RuntimeException | Error e) {
                result.set(e);
            }
        });
        thread.setContextClassLoader(foreign);
        thread.start();
        thread.join();

        assertThat(result.get()).isEqualTo("TST-001");
    }

    @Test
    void a_path_that_is_not_a_directory_is_an_illegal_argument() {
        assertThatThrownBy(() -> RulePack.fromDirectory(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_version_is_stable_for_the_same_content_and_changes_with_any_file() throws IOException {
        Path one = Files.createDirectory(dir.resolve("one"));
        Path two = Files.createDirectory(dir.resolve("two"));
        for (Path root : new Path[] {one, two}) {
            DrlFiles.write(root, "a.drl", DrlFiles.rule("TST-001 heap", 0.9, "text contains \"heap\""));
            DrlFiles.write(root, "b.drl", DrlFiles.rule("TST-002 space", 0.8, "text contains \"space\""));
        }
        String version = RulePack.fromDirectory(one).version();

        assertThat(RulePack.fromDirectory(one).version()).isEqualTo(version);
        assertThat(RulePack.fromDirectory(two).version()).isEqualTo(version);

        DrlFiles.write(two, "b.drl", DrlFiles.rule("TST-002 space", 0.7, "text contains \"space\""));
        assertThat(RulePack.fromDirectory(two).version()).isNotEqualTo(version);

        Files.move(one.resolve("b.drl"), one.resolve("c.drl"));
        assertThat(RulePack.fromDirectory(one).version()).isNotEqualTo(version);
    }

    @Test
    void a_directory_holding_a_copy_of_the_bundled_files_has_the_bundled_version() throws IOException {
        for (String name : RulePack.readIndex(getClass().getClassLoader())) {
            Path target = dir.resolve(RulePack.BUNDLED_ROOT + name);
            Files.createDirectories(target.getParent());
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(RulePack.BUNDLED_ROOT + name)) {
                Files.copy(in, target);
            }
        }

        RulePack copy = RulePack.fromDirectory(dir);

        assertThat(copy.version()).isEqualTo(BundledPack.get().version());
        assertThat(copy.rules()).isEqualTo(BundledPack.get().rules());
    }
}
