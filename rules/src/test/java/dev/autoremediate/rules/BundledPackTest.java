package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ConfigStep;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BundledPackTest {

    private final RulePack pack = BundledPack.get();

    @Test
    void the_bundled_pack_compiles_into_a_versioned_pack_of_rules() {
        assertThat(pack.version()).matches("[0-9a-f]{12}");
        assertThat(pack.rules()).hasSizeGreaterThanOrEqualTo(80);
    }

    @Test
    void every_category_but_unknown_has_at_least_one_rule() {
        Set<FailureCategory> covered = pack.rules().stream().map(RuleInfo::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FailureCategory.class)));
        Set<FailureCategory> expected = EnumSet.allOf(FailureCategory.class);
        expected.remove(FailureCategory.UNKNOWN);

        assertThat(covered).isEqualTo(expected);
    }

    @Test
    void rule_ids_are_unique_and_every_rule_name_starts_with_its_id() {
        List<String> ids = pack.rules().stream().map(RuleInfo::ruleId).toList();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(pack.rules()).allSatisfy(rule -> {
            assertThat(rule.ruleId()).matches("[A-Z]{2,4}-[0-9]{3}");
            assertThat(rule.ruleName()).startsWith(rule.ruleId() + " ");
            assertThat(rule.description()).isNotBlank();
        });
    }

    @Test
    void every_bundled_rule_comes_from_a_file_of_the_pack_folder_and_its_family_shares_an_id_prefix() {
        assertThat(pack.rules()).allSatisfy(rule -> assertThat(rule.file()).startsWith(RulePack.BUNDLED_ROOT)
                .endsWith(".drl"));
        var prefixesPerFile = pack.rules().stream().collect(Collectors.groupingBy(RuleInfo::file,
                Collectors.mapping(r -> r.ruleId().substring(0, r.ruleId().indexOf('-')), Collectors.toSet())));
        assertThat(prefixesPerFile).hasSize(13).allSatisfy((file, prefixes) -> assertThat(prefixes).hasSize(1));
    }

    @Test
    void retryable_rules_retry_and_the_others_do_not() {
        assertThat(pack.rules()).allSatisfy(rule ->
                assertThat(rule.action().type().isRetry()).as(rule.ruleName()).isEqualTo(rule.retryable()));
    }

    @Test
    void actions_follow_the_taxonomy_of_the_design() {
        for (RuleInfo rule : pack.rules()) {
            ActionType type = rule.action().type();
            switch (rule.category()) {
                case MEMORY_EXECUTOR_OOM, MEMORY_OVERHEAD, MEMORY_DRIVER ->
                        assertThat(type).as(rule.ruleName()).isEqualTo(ActionType.RETRY_WITH_CONFIG);
                case TRANSIENT_IO -> {
                    assertThat(type).as(rule.ruleName()).isEqualTo(ActionType.RETRY);
                    assertThat(rule.action().baseDelaySeconds()).as(rule.ruleName()).isPositive();
                }
                case PERMISSION, DISK_SPACE -> assertThat(type).as(rule.ruleName()).isEqualTo(ActionType.ESCALATE);
                case USER_CODE, SQL_ANALYSIS, DEPENDENCY ->
                        assertThat(type).as(rule.ruleName()).isEqualTo(ActionType.NO_RETRY);
                case RESOURCE_QUOTA -> {
                    if (rule.retryable()) {
                        assertThat(rule.action().baseDelaySeconds()).as(rule.ruleName()).isGreaterThanOrEqualTo(600);
                    } else {
                        assertThat(type).as(rule.ruleName()).isEqualTo(ActionType.ESCALATE);
                    }
                }
                default -> {
                    // SHUFFLE_FETCH, EXECUTOR_LOST, SERIALIZATION, TIMEOUT, DATA_SCHEMA: either way, per rule
                }
            }
        }
    }

    @Test
    void memory_rules_raise_the_keys_the_design_names() {
        assertThat(stepsOf("MEM-001")).containsExactly(ConfigStep.parse("spark.executor.memory*1.5"));
        assertThat(stepsOf("MEM-010")).containsExactly(ConfigStep.parse("spark.executor.memoryOverhead*2"));
        assertThat(stepsOf("MEM-020")).containsExactly(ConfigStep.parse("spark.driver.maxResultSize*2"),
                ConfigStep.parse("spark.driver.memory*1.5"));
        assertThat(stepsOf("MEM-021")).containsExactly(ConfigStep.parse("spark.driver.memory*1.5"));
    }

    @Test
    void the_executor_exit_code_50_rule_is_not_retryable() {
        RuleInfo rule = rule("EXL-004");

        assertThat(rule.category()).isEqualTo(FailureCategory.EXECUTOR_LOST);
        assertThat(rule.retryable()).isFalse();
        assertThat(rule.action().type()).isEqualTo(ActionType.NO_RETRY);
    }

    @Test
    void the_bundled_pack_compiles_to_the_same_version_every_time() {
        assertThat(RulePack.bundled().version()).isEqualTo(pack.version());
    }

    @Test
    void the_index_lists_files_that_are_all_on_the_classpath() {
        List<String> names = RulePack.readIndex(getClass().getClassLoader());

        assertThat(names).isNotEmpty().doesNotHaveDuplicates().allSatisfy(name ->
                assertThat(getClass().getClassLoader().getResource(RulePack.BUNDLED_ROOT + name)).as(name).isNotNull());
        assertThat(Arrays.asList("memory.drl", "shuffle.drl", "executor-lost.drl", "io.drl", "disk.drl",
                "serialization.drl", "timeout.drl", "quota.drl", "user-code.drl", "sql.drl", "permission.drl",
                "schema.drl", "dependency.drl")).allSatisfy(family -> assertThat(names).contains(family));
    }

    private List<ConfigStep> stepsOf(String ruleId) {
        return rule(ruleId).action().steps();
    }

    private RuleInfo rule(String ruleId) {
        return pack.rules().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }
}
