package dev.autoremediate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSandboxTest {

    @Test
    void spark_memory_sizes_become_jvm_heap_sizes() {
        assertThat(SparkSandbox.jvmMemory("512m")).isEqualTo("512m");
        assertThat(SparkSandbox.jvmMemory("1g")).isEqualTo("1024m");
        assertThat(SparkSandbox.jvmMemory("1.5g")).isEqualTo("1536m");
        assertThat(SparkSandbox.jvmMemory("768")).isEqualTo("768m");
        assertThat(SparkSandbox.jvmMemory("2GB")).isEqualTo("2048m");
        assertThatThrownBy(() -> SparkSandbox.jvmMemory("lots")).hasMessageContaining("lots");
    }

    @Test
    void a_child_that_died_without_a_report_is_read_from_the_last_uncaught_exception_on_stderr() {
        String stderr = """
                25/11/23 19:52:01 WARN TaskSetManager: Stage 0 contains a task of very large size (1101 KiB).
                Exception in thread "Spark Context Cleaner" java.lang.OutOfMemoryError: Java heap space
                Exception in thread "main" java.lang.OutOfMemoryError: Java heap space
                \tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)
                \tat org.apache.spark.sql.Dataset.collectAsList(Dataset.scala:3387)
                25/11/23 19:52:03 WARN SparkContext: stopping""";

        SparkRun run = SparkSandbox.fromLog(SparkJob.DRIVER_OOM, Map.of("spark.driver.memory", "512m"), 1, stderr,
                Duration.ofSeconds(40));

        assertThat(run.succeeded()).isFalse();
        assertThat(run.exceptionClass()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(run.message()).isEqualTo("Java heap space");
        assertThat(run.stackTrace()).startsWith("java.lang.OutOfMemoryError: Java heap space\n")
                .contains("\tat org.apache.spark.sql.Dataset.collectAsList").doesNotContain("SparkContext: stopping");
        assertThat(run.logTail()).isEqualTo(stderr);
    }

    @Test
    void every_job_fails_with_its_own_settings_on_top_of_the_common_ones() {
        for (SparkJob job : SparkJob.values()) {
            assertThat(job.failingConfig()).containsAllEntriesOf(SparkJob.COMMON).containsKey("spark.driver.memory");
        }
        assertThat(SparkJob.DRIVER_OOM.failingConfig()).containsEntry("spark.driver.memory", "512m");
        assertThat(SparkJob.KRYO_BUFFER.failingConfig()).containsEntry("spark.kryoserializer.buffer.max", "1m");
    }
}
