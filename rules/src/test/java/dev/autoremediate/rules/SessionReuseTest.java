package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions are reused between events; no event may see what an earlier one left behind. */
class SessionReuseTest {

    @TempDir
    Path dir;

    @Test
    void an_event_after_a_matching_one_is_judged_on_its_own() {
        RulePack pack = BundledPack.get();
        for (int i = 0; i < 50; i++) {
            assertThat(pack.classify(ClassifyTest.event("spark", 1, "java.lang.OutOfMemoryError: Java heap space", null,
                    null, null)).best().map(RuleMatch::ruleId)).contains("MEM-001");
            assertThat(pack.classify(ClassifyTest.event("spark", 1, "com.acme.Unheard: of", null, null, null)).matches())
                    .isEmpty();
        }
    }

    @Test
    void a_rule_that_inserts_facts_does_not_leak_them_into_the_next_event() throws Exception {
        Files.writeString(dir.resolve("leaky.drl"), """
                package dev.autoremediate.rules.pack;
                import dev.autoremediate.rules.FailureFact;

                rule "LK-001 inserts a fact"
                    @category("USER_CODE") @retryable(false) @confidence(0.5) @action("NO_RETRY")
                    @description("inserts another fact, which rules must not do")
                when
                    FailureFact( text contains "leak" )
                then
                    insert(new FailureFact("spark", null, null, null, null, null, "marker"));
                end

                rule "LK-002 sees the marker"
                    @category("DEPENDENCY") @retryable(false) @confidence(0.9) @action("NO_RETRY")
                    @description("matches only the inserted fact")
                when
                    FailureFact( text == "marker" )
                then
                end
                """);
        RulePack pack = RulePack.fromDirectory(dir);

        assertThat(pack.classify(ClassifyTest.event("spark", 1, "leak", null, null, null)).matches())
                .extracting(RuleMatch::ruleId).containsExactlyInAnyOrder("LK-001", "LK-002");
        assertThat(pack.classify(ClassifyTest.event("spark", 1, "clean", null, null, null)).matches()).isEmpty();
    }
}
