package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every matching rule is returned, ordered by confidence, then specificity, then id -- never by file order. */
class PrecedenceTest {

    private static final FailureEvent HEAP_OOM = FailureEvents.heapOom("job-1");

    @TempDir
    Path dir;

    @Test
    void the_more_confident_rule_comes_first() {
        DrlFiles.write(dir, "a.drl", DrlFiles.rule("AAA-001 weak", 0.6, "text contains \"heap\""));
        DrlFiles.write(dir, "b.drl", DrlFiles.rule("BBB-001 strong", 0.9, "text contains \"heap\""));

        assertThat(ids(RulePack.fromDirectory(dir))).containsExactly("BBB-001", "AAA-001");
    }

    @Test
    void at_equal_confidence_the_rule_that_checks_more_constraints_comes_first() {
        DrlFiles.write(dir, "a.drl",
                DrlFiles.rule("AAA-001 one constraint", 0.8, "text contains \"heap\""),
                DrlFiles.rule("AAA-002 or counts its weakest branch", 0.8,
                        "text contains \"heap\" || text contains \"nothing\""),
                DrlFiles.rule("ZZZ-001 three constraints", 0.8,
                        "text contains \"heap\", engine == \"spark\", exitCode == 1"),
                DrlFiles.rule("MMM-001 two constraints", 0.8, "text contains \"heap\", engine == \"spark\""));

        assertThat(ids(RulePack.fromDirectory(dir))).containsExactly("ZZZ-001", "MMM-001", "AAA-001", "AAA-002");
    }

    @Test
    void at_equal_confidence_and_specificity_the_rule_id_decides_whatever_the_file_order() {
        DrlFiles.write(dir, "a.drl", DrlFiles.rule("ZZZ-001 last", 0.8, "text contains \"heap\""));
        DrlFiles.write(dir, "b.drl", DrlFiles.rule("AAA-001 first", 0.8, "text contains \"heap\""),
                DrlFiles.rule("AAA-002 second", 0.8, "text contains \"space\""));

        assertThat(ids(RulePack.fromDirectory(dir))).containsExactly("AAA-001", "AAA-002", "ZZZ-001");
    }

    @Test
    void a_rule_whose_or_branches_both_match_is_returned_once() {
        DrlFiles.write(dir, "a.drl", """
                rule "ORR-001 either pattern"
                    @category("TRANSIENT_IO") @retryable(true) @confidence(0.5) @action("RETRY") @description("d")
                when
                    FailureFact( text contains "heap" ) or FailureFact( exitCode == 1 )
                then
                end
                """);

        assertThat(ids(RulePack.fromDirectory(dir))).containsExactly("ORR-001");
    }

    private static List<String> ids(RulePack pack) {
        return pack.classify(HEAP_OOM).matches().stream().map(RuleMatch::ruleId).toList();
    }
}
