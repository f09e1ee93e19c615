package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.autoremediate.ingest.codec.ContractCodec;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryCommandNotebookParametersTest {

    private final ContractCodec codec = new ContractCodec();

    @Test
    void changed_values_split_into_spark_configuration_and_notebook_parameters() {
        RetryCommand command = RetryCommand.of(1, "cmd", "dec", "etl/sessions_daily.ipynb", "run-1", 2, Instant.EPOCH,
                Map.of("spark.executor.memory", "12g", "notebook.parameters.batch_size", "5000",
                        "notebook.parameters.sample_fraction", "0.5"));

        assertThat(command.configOverrides()).containsOnly(entry("spark.executor.memory", "12g"));
        assertThat(command.notebookParameters())
                .containsOnly(entry("batch_size", "5000"), entry("sample_fraction", "0.5"));
    }

    @Test
    void notebook_parameters_round_trip_through_json_and_are_absent_when_there_are_none() {
        RetryCommand notebook = RetryCommand.of(1, "cmd", "dec", "j", "r", 2, Instant.parse("2026-11-22T10:16:31Z"),
                Map.of("notebook.parameters.batch_size", "5000"));
        String json = codec.write(notebook);
        assertThat(json).contains("\"notebookParameters\":{\"batch_size\":\"5000\"}");
        assertThat(codec.read(json, RetryCommand.class)).isEqualTo(notebook);

        RetryCommand spark = RetryCommand.of(1, "cmd", "dec", "j", "r", 2, Instant.EPOCH,
                Map.of("spark.executor.memory", "12g"));
        assertThat(spark.notebookParameters()).isNull();
        assertThat(codec.write(spark)).doesNotContain("notebookParameters");
        assertThat(codec.read(codec.write(spark), RetryCommand.class)).isEqualTo(spark);
        assertThat(new RetryCommand(1, "c", "d", "j", "r", 2, Instant.EPOCH, Map.of(), Map.of()).notebookParameters())
                .isNull();
    }

    @Test
    void a_v1_command_without_the_field_reads_as_one_without_notebook_parameters() {
        RetryCommand read = codec.read("{\"schemaVersion\":1,\"commandId\":\"c\",\"decisionId\":\"d\",\"jobId\":\"j\","
                + "\"runId\":\"r\",\"nextAttempt\":2,\"notBefore\":\"2026-11-22T10:16:31Z\","
                + "\"configOverrides\":{\"spark.executor.memory\":\"12g\"}}", RetryCommand.class);

        assertThat(read.notebookParameters()).isNull();
        assertThat(read.configOverrides()).containsOnly(entry("spark.executor.memory", "12g"));
    }
}
