package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.ConfigStep;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeuristicTunerTest {

    private final HeuristicTuner tuner = new HeuristicTuner(GuardRails.DEFAULT);

    private TuningResult apply(Map<String, String> config, String... steps) {
        return tuner.apply(config, Arrays.stream(steps).map(ConfigStep::parse).toList());
    }

    /** As in {@code FailureEvents.sparkConfig()}: 8g executors with 1g overhead, 4 cores, a 4g driver. */
    private static Map<String, String> typicalSparkConfig() {
        return config("spark.executor.memory", "8g", "spark.executor.memoryOverhead", "1g", "spark.executor.cores", "4",
                "spark.driver.memory", "4g", "spark.sql.shuffle.partitions", "200");
    }

    private static Map<String, String> config(String... keyValues) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Nested
    class Multiplying {

        @Test
        void raisesExecutorMemoryOfTheTypicalSparkJob() {
            TuningResult result = apply(typicalSparkConfig(), "spark.executor.memory*1.5");

            assertThat(result.blocked()).isFalse();
            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("8g", "12g")));
            assertThat(result.notes()).isEmpty();
        }

        @ParameterizedTest(name = "{0} × {1} is {2}")
        @CsvSource({
                "3g, 1.1, 3584m",     // 3379.2 → 3380 → next multiple of 256 MiB
                "5g, 1.3, 6656m",     // already a multiple of 256 MiB
                "1000m, 2, 2000m",    // 2048m would step past ×2: the exact value stays
                "8g, 0.5, 4g",
                "1000m, 0.99, 990m"}) // decreases are not rounded to nice values
        void roundsMemoryUpToNiceValuesWithinTheStepRail(String from, double factor, String to) {
            TuningResult result = apply(config("spark.executor.memory", from, "spark.executor.memoryOverhead", "1g"),
                    "spark.executor.memory*" + factor);

            assertThat(result.changes()).containsEntry("spark.executor.memory", new ConfigChange(from, to));
        }

        @ParameterizedTest(name = "overhead {0} × {1} is {2}")
        @CsvSource({"384m, 1.5, 576m", "384m, 1.1, 448m", "1g, 1.5, 1536m", "1g, 2, 2g"})
        void roundsSmallMemoryToMultiplesOf64m(String from, double factor, String to) {
            TuningResult result = apply(config("spark.executor.memoryOverhead", from), "spark.executor.memoryOverhead*" + factor);

            assertThat(result.changes()).containsEntry("spark.executor.memoryOverhead", new ConfigChange(from, to));
        }

        @ParameterizedTest(name = "{0}: {1} × {2} is {3}")
        @CsvSource({
                "spark.sql.shuffle.partitions, 200, 1.5, 300",
                "spark.sql.shuffle.partitions, 7, 1.5, 11",
                "spark.sql.shuffle.partitions, 200, 1.33, 266",
                "spark.executor.cores, 4, 0.5, 2",
                "spark.executor.cores, 3, 1.5, 4",
                "spark.rpc.message.maxSize, 128, 2, 256",
                "spark.network.timeout, 120s, 2, 240s",
                "spark.network.timeout, 5min, 1.5, 8min",
                "spark.sql.broadcastTimeout, 300, 2, 600",
                "spark.kryoserializer.buffer.max, 512m, 2, 1g",
                "spark.driver.maxResultSize, 2147483648, 2, 4g",
                "spark.memory.fraction, 0.6, 1.2, 0.72",
                "spark.sql.autoBroadcastJoinThreshold, 10485760, 2, 20971520",
                "spark.executor.heartbeatInterval, 10s, 1.5, 15s",
                "spark.sql.files.maxPartitionBytes, 128m, 0.5, 64m"})
        void multipliesOtherKindsOfValuesKeepingTheirStyle(String key, String from, double factor, String to) {
            TuningResult result = apply(config(key, from), key + "*" + factor);

            assertThat(result.blocked()).as(result.blockedReason()).isFalse();
            assertThat(result.changes()).containsExactly(Map.entry(key, new ConfigChange(from, to)));
        }

        @Test
        void neverTakesExecutorCoresBelowOne() {
            TuningResult result = apply(config("spark.executor.cores", "1"), "spark.executor.cores*0.5");

            assertThat(result.changes()).isEmpty();
            assertThat(result.blocked()).isFalse();
        }

        @Test
        void leavesAnUnlimitedMaxResultSizeAlone() {
            TuningResult result = apply(config("spark.driver.maxResultSize", "0"), "spark.driver.maxResultSize*2");

            assertThat(result.changes()).isEmpty();
            assertThat(result.blocked()).isFalse();
            assertThat(result.notes()).anyMatch(note -> note.contains("unlimited"));
        }
    }

    @Nested
    class Defaults {

        @ParameterizedTest(name = "unset {0} × {1} is {2}")
        @CsvSource({
                "spark.executor.memory, 2, 2g",
                "spark.driver.memory, 1.5, 1536m",
                "spark.driver.maxResultSize, 2, 2g",
                "spark.executor.cores, 2, 2",
                "spark.sql.shuffle.partitions, 1.5, 300",
                "spark.kryoserializer.buffer.max, 2, 128m",
                "spark.sql.broadcastTimeout, 2, 600",
                "spark.rpc.message.maxSize, 2, 256",
                "spark.network.timeout, 2, 240s"})
        void startFromSparksDefaultWhenAKeyIsUnset(String key, double factor, String to) {
            TuningResult result = apply(Map.of(), key + "*" + factor);

            assertThat(result.changes()).containsExactly(Map.entry(key, new ConfigChange(null, to)));
            assertThat(result.notes()).anyMatch(note -> note.contains(key) && note.contains("default"));
        }

        @Test
        void anUnsetOverheadIsTenPercentOfExecutorMemory() {
            // 8g → 819m derived; × 1.5 = 1228.5 → 1229 → 1280m
            TuningResult result = apply(config("spark.executor.memory", "8g"), "spark.executor.memoryOverhead*1.5");

            assertThat(result.changes()).containsExactly(
                    Map.entry("spark.executor.memoryOverhead", new ConfigChange(null, "1280m")));
            assertThat(result.notes()).anyMatch(note -> note.contains("819m"));
        }

        @Test
        void anUnsetOverheadIsAtLeast384m() {
            TuningResult result = apply(Map.of(), "spark.executor.memoryOverhead*2");

            assertThat(result.changes()).containsExactly(
                    Map.entry("spark.executor.memoryOverhead", new ConfigChange(null, "768m")));
        }

        @Test
        void anUnsetOverheadFollowsTheOverheadFactorWhenSet() {
            TuningResult result = apply(config("spark.executor.memory", "10g", "spark.executor.memoryOverheadFactor", "0.2"),
                    "spark.executor.memoryOverhead*1.25");

            // 0.2 × 10g = 2048m; × 1.25 = 2560m
            assertThat(result.changes()).containsExactly(
                    Map.entry("spark.executor.memoryOverhead", new ConfigChange(null, "2560m")));
        }
    }

    @Nested
    class Clamping {

        @Test
        void clampsAFactorAboveTheStepRail() {
            TuningResult result = apply(typicalSparkConfig(), "spark.executor.memory*3");

            assertThat(result.changes()).containsEntry("spark.executor.memory", new ConfigChange("8g", "16g"));
            assertThat(result.notes()).anyMatch(note -> note.contains("spark.executor.memory*3") && note.contains("clamped to 2"));
        }

        @Test
        void clampsTheCombinedFactorOfSeveralStepsOnOneKey() {
            TuningResult result = apply(typicalSparkConfig(), "spark.executor.memory*1.5", "spark.executor.memory*1.5");

            assertThat(result.changes()).containsEntry("spark.executor.memory", new ConfigChange("8g", "16g"));
            assertThat(result.notes()).anyMatch(note -> note.contains("clamped to 1.333"));
        }

        @Test
        void usesTheRailsItIsGiven() {
            var strict = new HeuristicTuner(new GuardRails(65536, 1.25, 32768));

            TuningResult result = strict.apply(typicalSparkConfig(), List.of(ConfigStep.parse("spark.sql.shuffle.partitions*4")));

            assertThat(result.changes()).containsEntry("spark.sql.shuffle.partitions", new ConfigChange("200", "250"));
        }
    }

    @Nested
    class Caps {

        @Test
        void capsExecutorMemorySoThatTheContainerFits() {
            TuningResult result = apply(config("spark.executor.memory", "40g", "spark.executor.memoryOverhead", "4g"),
                    "spark.executor.memory*2");

            assertThat(result.blocked()).isFalse();
            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("40g", "60g")));
            assertThat(result.notes()).anyMatch(note -> note.contains("capped at 60g instead of 80g"));
        }

        @Test
        void capsWithTheDerivedOverheadGrowingAlong() {
            // 58g + max(384m, 10%) = 59392m + 5939m = 65331m ≤ 64g; 59g would need 66080m
            TuningResult result = apply(config("spark.executor.memory", "48g"), "spark.executor.memory*2");

            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("48g", "58g")));
        }

        @Test
        void sharesTheRoomLeftBetweenMemoryAndOverhead() {
            TuningResult result = apply(config("spark.executor.memory", "40g", "spark.executor.memoryOverhead", "4g"),
                    "spark.executor.memory*2", "spark.executor.memoryOverhead*2");

            assertThat(result.blocked()).isFalse();
            MemorySize memory = MemorySize.parse(result.changes().get("spark.executor.memory").to());
            MemorySize overhead = MemorySize.parse(result.changes().get("spark.executor.memoryOverhead").to());
            assertThat(memory.plus(overhead).mebibytes()).isLessThanOrEqualTo(65536);
            assertThat(memory).isGreaterThan(MemorySize.parse("40g"));
            assertThat(overhead).isGreaterThan(MemorySize.parse("4g"));
            assertThat(result.changes()).containsExactly(
                    Map.entry("spark.executor.memory", new ConfigChange("40g", "58g")),
                    Map.entry("spark.executor.memoryOverhead", new ConfigChange("4g", "5888m")));
        }

        @Test
        void countsPySparkAndOffHeapMemoryInTheContainer() {
            TuningResult result = apply(config("spark.executor.memory", "40g", "spark.executor.memoryOverhead", "4g",
                            "spark.executor.pyspark.memory", "4g", "spark.memory.offHeap.enabled", "true",
                            "spark.memory.offHeap.size", "4g"),
                    "spark.executor.memory*2");

            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("40g", "52g")));
        }

        @Test
        void capsDriverMemory() {
            TuningResult result = apply(config("spark.driver.memory", "24g"), "spark.driver.memory*2");

            assertThat(result.changes()).containsExactly(Map.entry("spark.driver.memory", new ConfigChange("24g", "32g")));
            assertThat(result.notes()).anyMatch(note -> note.contains("capped at 32g"));
        }

        @Test
        void capsAtSparksOwnLimits() {
            TuningResult result = apply(config("spark.kryoserializer.buffer.max", "1g", "spark.rpc.message.maxSize", "1536"),
                    "spark.kryoserializer.buffer.max*2", "spark.rpc.message.maxSize*2");

            assertThat(result.changes()).containsExactly(
                    Map.entry("spark.kryoserializer.buffer.max", new ConfigChange("1g", "2047m")),
                    Map.entry("spark.rpc.message.maxSize", new ConfigChange("1536", "2047")));
        }

        @Test
        void aContainerAboveTheCapMayShrink() {
            TuningResult result = apply(config("spark.executor.memory", "64g", "spark.executor.memoryOverhead", "8g"),
                    "spark.executor.memory*0.75");

            assertThat(result.blocked()).isFalse();
            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("64g", "48g")));
        }

        @Test
        void notesAMaxResultSizeThatIsNotBelowDriverMemory() {
            TuningResult result = apply(config("spark.driver.memory", "2g"), "spark.driver.maxResultSize*2");

            assertThat(result.changes()).containsEntry("spark.driver.maxResultSize", new ConfigChange(null, "2g"));
            assertThat(result.notes()).anyMatch(note -> note.contains("not below spark.driver.memory"));
        }
    }

    @Nested
    class Blocked {

        @Test
        void whenTheExecutorContainerIsAlreadyAtTheCap() {
            TuningResult result = apply(config("spark.executor.memory", "58g", "spark.executor.memoryOverhead", "6g"),
                    "spark.executor.memory*1.5", "spark.sql.shuffle.partitions*2");

            assertThat(result.blocked()).isTrue();
            assertThat(result.blockedReason()).startsWith("executor container already at the 64g cap");
            assertThat(result.changes()).isEmpty();
        }

        @Test
        void whenTheExecutorContainerIsAboveTheCap() {
            TuningResult result = apply(config("spark.executor.memory", "60g", "spark.executor.memoryOverhead", "6g"),
                    "spark.executor.memoryOverhead*1.5");

            assertThat(result.blockedReason()).startsWith("executor container already above the 64g cap (60g memory + 6g overhead = 66g)");
        }

        @Test
        void whenDriverMemoryIsAlreadyAtTheCap() {
            TuningResult result = apply(config("spark.driver.memory", "32g"), "spark.driver.memory*1.5");

            assertThat(result.blockedReason()).isEqualTo("driver memory already at the 32g cap (spark.driver.memory = 32g)");
        }

        @Test
        void butNotWhenTheStepsDoNotTouchTheContainer() {
            TuningResult result = apply(config("spark.executor.memory", "60g", "spark.executor.memoryOverhead", "6g"),
                    "spark.sql.shuffle.partitions*2");

            assertThat(result.blocked()).isFalse();
            assertThat(result.changes()).containsOnlyKeys("spark.sql.shuffle.partitions");
        }
    }

    @Nested
    class Setting {

        @Test
        void setsTheLiteralValue() {
            TuningResult result = apply(typicalSparkConfig(), "spark.sql.autoBroadcastJoinThreshold=-1",
                    "spark.executor.cores=2");

            assertThat(result.changes()).containsExactly(
                    Map.entry("spark.executor.cores", new ConfigChange("4", "2")),
                    Map.entry("spark.sql.autoBroadcastJoinThreshold", new ConfigChange(null, "-1")));
        }

        @Test
        void leavesOutAValueThatDoesNotChange() {
            TuningResult result = apply(typicalSparkConfig(), "spark.executor.memory=8192m",
                    "spark.sql.shuffle.partitions=200", "spark.network.timeout=120s");

            assertThat(result.changes()).isEmpty();
            assertThat(result.blocked()).isFalse();
        }

        @Test
        void aSetValueIsHeldToTheGuardRailsToo() {
            TuningResult result = apply(typicalSparkConfig(), "spark.executor.memory=128g");

            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("8g", "63g")));
        }

        @Test
        void aLaterStepStartsFromAnEarlierSet() {
            TuningResult result = apply(typicalSparkConfig(), "spark.executor.memory=10g", "spark.executor.memory*1.5");

            assertThat(result.changes()).containsExactly(Map.entry("spark.executor.memory", new ConfigChange("8g", "15g")));
        }
    }

    @Test
    void appliesSeveralStepsAtOnceSortedByKey() {
        TuningResult result = apply(typicalSparkConfig(), "spark.sql.shuffle.partitions*2",
                "spark.executor.memoryOverhead*2", "spark.executor.memory*1.5");

        assertThat(result.blocked()).isFalse();
        assertThat(result.changes()).containsExactly(
                Map.entry("spark.executor.memory", new ConfigChange("8g", "12g")),
                Map.entry("spark.executor.memoryOverhead", new ConfigChange("1g", "2g")),
                Map.entry("spark.sql.shuffle.partitions", new ConfigChange("200", "400")));
    }

    @Test
    void givesTheSameResultEveryTime() {
        List<ConfigStep> steps = List.of(ConfigStep.parse("spark.executor.memory*2"), ConfigStep.parse("spark.driver.memory*1.7"));
        Map<String, String> config = config("spark.executor.memory", "40g", "spark.driver.memory", "3g");

        assertThat(tuner.apply(config, steps)).isEqualTo(tuner.apply(config, steps));
    }

    @Test
    void doesNotChangeTheConfigItIsGiven() {
        Map<String, String> config = config("spark.executor.memory", "8g");

        apply(config, "spark.executor.memory*2", "spark.driver.memory=2g");

        assertThat(config).containsExactly(Map.entry("spark.executor.memory", "8g"));
    }

    @Test
    void noStepsGiveNoChanges() {
        TuningResult result = tuner.apply(typicalSparkConfig(), List.of());

        assertThat(result.changes()).isEmpty();
        assertThat(result.notes()).isEmpty();
        assertThat(result.blocked()).isFalse();
    }

    @Nested
    class BadValues {

        @Test
        void aValueThatIsNotASizeBlocksWithAReasonNamingKeyAndValue() {
            TuningResult result = apply(config("spark.executor.memory", "lots"), "spark.executor.memory*1.5");

            assertThat(result.blocked()).isTrue();
            assertThat(result.blockedReason()).isEqualTo("spark.executor.memory is 'lots', not a memory size (expected e.g. 512m or 8g)");
            assertThat(result.changes()).isEmpty();
        }

        @Test
        void aBadOverheadBlocksAMemoryStepBecauseTheContainerCannotBeChecked() {
            TuningResult result = apply(config("spark.executor.memory", "8g", "spark.executor.memoryOverhead", "lots"),
                    "spark.executor.memory*1.5");

            assertThat(result.blockedReason()).contains("spark.executor.memoryOverhead is 'lots'");
        }

        @Test
        void aBadValueOfAnUntouchedKeyIsIgnored() {
            TuningResult result = apply(config("spark.executor.cores", "lots"), "spark.sql.shuffle.partitions*2");

            assertThat(result.blocked()).isFalse();
            assertThat(result.changes()).containsOnlyKeys("spark.sql.shuffle.partitions");
        }

        @ParameterizedTest(name = "{0} = \"{1}\" blocks")
        @CsvSource({
                "spark.sql.shuffle.partitions, many",
                "spark.sql.shuffle.partitions, 1.5",
                "spark.network.timeout, soon",
                "spark.some.flag, true"})
        void otherUnreadableValuesBlockToo(String key, String value) {
            TuningResult result = apply(config(key, value), key + "*2");

            assertThat(result.blockedReason()).contains(key).contains("'" + value + "'");
        }

        @Test
        void anUnsetKeyWithoutDefaultBlocks() {
            TuningResult result = apply(Map.of(), "spark.some.size*2");

            assertThat(result.blockedReason()).isEqualTo("spark.some.size is not set and has no known default: cannot multiply it");
        }

        @Test
        void setToSomethingThatIsNotASizeOnAGuardedKeyBlocks() {
            TuningResult result = apply(typicalSparkConfig(), "spark.driver.memory=plenty");

            assertThat(result.blockedReason()).contains("spark.driver.memory is 'plenty'");
        }

        @Test
        void nullArgumentsAreProgrammingErrors() {
            assertThatThrownBy(() -> tuner.apply(null, List.of())).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> tuner.apply(Map.of(), null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aBlockedResultCannotCarryChanges() {
        assertThatThrownBy(() -> new TuningResult(Map.of("k", new ConfigChange(null, "v")), List.of(), "no"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class OtherEngines {

        @Test
        void mapReduceContainersStartFromHadoopsDefaultAndStayWholeMebibytes() {
            TuningResult result = apply(Map.of(), "mapreduce.map.memory.mb*1.5", "mapreduce.reduce.memory.mb*1.5");

            assertThat(result.blocked()).isFalse();
            assertThat(result.changes()).containsExactly(
                    Map.entry("mapreduce.map.memory.mb", new ConfigChange(null, "1536")),
                    Map.entry("mapreduce.reduce.memory.mb", new ConfigChange(null, "1536")));
            assertThat(result.notes()).anyMatch(n -> n.contains("mapreduce.map.memory.mb is not set"));
        }

        @Test
        void aTezContainerOfMinusOneFollowsTheMapContainerAsInHive() {
            TuningResult result = apply(config("hive.tez.container.size", "-1", "mapreduce.map.memory.mb", "4096"),
                    "hive.tez.container.size*1.5");

            assertThat(result.changes()).containsExactly(Map.entry("hive.tez.container.size", new ConfigChange(null, "6144")));
        }

        @Test
        void aMapReduceContainerIsCappedByTheContainerRailInWholeMebibytes() {
            TuningResult result = apply(config("mapreduce.map.memory.mb", "49152"), "mapreduce.map.memory.mb*2");

            assertThat(result.changes()).containsExactly(
                    Map.entry("mapreduce.map.memory.mb", new ConfigChange("49152", "65536")));
            assertThat(result.notes()).anyMatch(n -> n.contains("capped"));
        }

        @Test
        void flinkProcessSizesStartFromFlinksDefaultsWithinTheirRails() {
            TuningResult tm = apply(Map.of(), "taskmanager.memory.process.size*1.25");
            TuningResult jm = apply(config("jobmanager.memory.process.size", "30g"), "jobmanager.memory.process.size*1.5");
            TuningResult metaspace = apply(Map.of(), "taskmanager.memory.jvm-metaspace.size*2");

            assertThat(tm.changes()).containsExactly(
                    Map.entry("taskmanager.memory.process.size", new ConfigChange(null, "2304m")));
            assertThat(jm.changes()).containsExactly(
                    Map.entry("jobmanager.memory.process.size", new ConfigChange("30g", "32g")));
            assertThat(metaspace.changes()).containsExactly(
                    Map.entry("taskmanager.memory.jvm-metaspace.size", new ConfigChange(null, "512m")));
        }
    }
}
