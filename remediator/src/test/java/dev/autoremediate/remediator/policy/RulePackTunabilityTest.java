package dev.autoremediate.remediator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.rules.RuleInfo;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.tuner.GuardRails;
import dev.autoremediate.tuner.HeuristicTuner;
import dev.autoremediate.tuner.TuningResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled rule pack and the config tuner agree: every config step a rule asks for can be computed for a job that
 * sets nothing (the engines' defaults), so a matched memory rule gives a retry with config, not an escalation for
 * want of a starting value.
 */
class RulePackTunabilityTest {

    /** Rules whose key has no static default: only a job that sets it can have it raised; others are escalated. */
    private static final Map<String, String> NEEDS_A_SET_VALUE = Map.of(
            "MEM-008", "query.max-memory-per-node", // Trino: 30% of the worker's heap unless set
            "MEM-009", "query.max-memory", // Trino: a cluster setting, the job rarely carries it
            "TMO-006", "execution.checkpointing.timeout", // Flink: 10 min unless set; no default known to the tuner
            "TMO-007", "query.max-execution-time"); // Trino: a cluster or session limit

    @Test
    void every_config_step_of_the_bundled_pack_is_tunable_from_an_empty_config() {
        var tuner = new HeuristicTuner(GuardRails.DEFAULT);
        var withSteps = RulePack.bundled().rules().stream()
                .filter(r -> r.action().type() == ActionType.RETRY_WITH_CONFIG)
                .toList();

        assertThat(withSteps).isNotEmpty();
        for (RuleInfo rule : withSteps) {
            TuningResult result = tuner.apply(Map.of(), rule.action().steps());
            if (NEEDS_A_SET_VALUE.containsKey(rule.ruleId())) {
                String key = NEEDS_A_SET_VALUE.get(rule.ruleId());
                assertThat(result.blockedReason()).as(rule.ruleId()).contains(key);
                assertThat(tuner.apply(Map.of(key, "4GB"), rule.action().steps()).blocked()).as(rule.ruleId()).isFalse();
                continue;
            }
            assertThat(result.blocked()).as("%s: %s", rule.ruleId(), result.blockedReason()).isFalse();
            assertThat(result.changes()).as("%s changes something", rule.ruleId()).isNotEmpty();
        }
    }
}
