package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed catalog, docs/rule-catalog.md, is what the bundled pack's metadata generates. */
class RuleCatalogTest {

    private static final Path COMMITTED = Path.of("../docs/rule-catalog.md");

    @Test
    void the_committed_rule_catalog_is_up_to_date() throws Exception {
        String generated = RuleCatalog.markdown(BundledPack.get());

        assertThat(COMMITTED).as("regenerate with: java -jar remediator/target/autoremediate.jar rules catalog "
                + "--output docs/rule-catalog.md").exists();
        assertThat(Files.readString(COMMITTED))
                .as("docs/rule-catalog.md is stale; regenerate with: java -jar remediator/target/autoremediate.jar "
                        + "rules catalog --output docs/rule-catalog.md")
                .isEqualTo(generated);
    }

    @Test
    void the_catalog_lists_every_rule_with_its_category_and_action() {
        RulePack pack = BundledPack.get();
        String markdown = RuleCatalog.markdown(pack);

        assertThat(pack.rules()).allSatisfy(rule -> assertThat(markdown)
                .contains("| " + rule.ruleId() + " |").contains(rule.description()));
        assertThat(markdown).contains("`spark.executor.memoryOverhead*2`").contains("Pack version `" + pack.version() + "`");
    }
}
