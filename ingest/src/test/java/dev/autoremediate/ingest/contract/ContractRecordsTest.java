package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records copy their collections: a value never changes after it was built. */
class ContractRecordsTest {

    @Test
    void anActionCopiesItsConfigChangesAndCannotBeModified() {
        var changes = new HashMap<String, ConfigChange>();
        changes.put("spark.executor.memory", new ConfigChange("8g", "12g"));
        Action action = new Action(ActionType.RETRY_WITH_CONFIG, changes, 60, "more memory", null, null);

        changes.clear();

        assertThat(action.configChanges()).containsOnly(entry("spark.executor.memory", new ConfigChange("8g", "12g")));
        assertThatThrownBy(() -> action.configChanges().put("k", new ConfigChange(null, "v")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aClassificationCopiesItsMatchedRules() {
        var matched = new ArrayList<>(List.of("MEM-001"));
        Classification c = new Classification(FailureCategory.MEMORY_EXECUTOR_OOM, true, 0.9, ClassificationSource.RULE,
                "MEM-001", "v1", null, "heap space", matched);

        matched.add("MEM-002");

        assertThat(c.matchedRules()).containsExactly("MEM-001");
        assertThatThrownBy(() -> c.matchedRules().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRetryCommandCopiesItsOverrides() {
        var overrides = new HashMap<String, String>(Map.of("spark.executor.memory", "12g"));
        RetryCommand command = new RetryCommand(1, "c", "d", "j", "r", 2, Instant.EPOCH, overrides);

        overrides.put("spark.executor.cores", "2");

        assertThat(command.configOverrides()).containsOnly(entry("spark.executor.memory", "12g"));
        assertThatThrownBy(() -> command.configOverrides().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aJobOutcomeCopiesItsConfig() {
        var config = new HashMap<String, String>(Map.of("spark.executor.memory", "12g"));
        JobOutcome outcome = new JobOutcome(1, "j", "r", 1, Instant.EPOCH, true, config, null, null);

        config.put("spark.executor.cores", "2");

        assertThat(outcome.config()).containsOnly(entry("spark.executor.memory", "12g"));
        assertThatThrownBy(() -> outcome.config().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullCollectionsBecomeEmpty() {
        assertThat(new Action(ActionType.RETRY, null, 0, "r", null, null).configChanges()).isEmpty();
        assertThat(new RetryCommand(1, "c", "d", "j", "r", 2, Instant.EPOCH, null).configOverrides()).isEmpty();
        assertThat(new JobOutcome(1, "j", "r", 1, Instant.EPOCH, true, null, null, null).config()).isEmpty();
        assertThat(new Job("j", "r", 1, "spark", null, null, null, null, null).config()).isEmpty();
    }

    @Test
    void allTextJoinsTheTextPartsOfAFailureInOrder() {
        Failure failure = new Failure(137, "java.lang.OutOfMemoryError", "Java heap space", null, "log");

        assertThat(failure.allText()).isEqualTo("java.lang.OutOfMemoryError\nJava heap space\nlog");
        assertThat(new Failure(137, null, null, null, null).allText()).isEmpty();
    }

    @Test
    void emptyRunMetricsHaveNoValues() {
        RunMetrics empty = RunMetrics.empty();

        assertThat(empty.inputBytes()).isNull();
        assertThat(empty.numTasks()).isNull();
        assertThat(empty).isEqualTo(new RunMetrics(null, null, null, null, null, null, null, null, null, null, null));
    }
}
