package dev.autoremediate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledErrorsTest {

    private final ContractCodec codec = new ContractCodec();

    @Test
    void the_bundled_real_corpus_loads_with_every_category_and_unique_ids() {
        List<LabelledError> errors = LabelledErrors.realDev();

        assertThat(errors).hasSizeGreaterThanOrEqualTo(100);
        assertThat(errors.stream().map(LabelledError::category).distinct())
                .containsAll(List.of(FailureCategory.values()));
        assertThat(new HashSet<>(errors.stream().map(LabelledError::id).toList())).hasSameSizeAs(errors);
    }

    @Test
    void every_corpus_line_becomes_a_failure_event_that_passes_the_contract_codec() {
        for (LabelledError error : LabelledErrors.realDev()) {
            FailureEvent event = error.toFailureEvent();
            FailureEvent roundTripped = codec.readFailureEvent(codec.write(event));
            assertThat(roundTripped.eventId()).isEqualTo("corpus-" + error.id());
            assertThat(roundTripped.failure().message()).startsWith(error.message().substring(0, 20));
        }
    }

    @Test
    void the_exception_class_and_exit_code_are_taken_from_the_text() {
        var error = new LabelledError("spark-x", "spark",
                "Container exited with code 137\norg.apache.spark.SparkException: Job aborted", FailureCategory.MEMORY_OVERHEAD,
                true, false, null, null);

        FailureEvent event = error.toFailureEvent();

        assertThat(event.failure().exitCode()).isEqualTo(137);
        assertThat(event.failure().exceptionClass()).isEqualTo("org.apache.spark.SparkException");
    }

    @Test
    void a_bad_corpus_line_names_its_line_number() {
        String corpus = "{\"id\":\"a\",\"engine\":\"spark\",\"message\":\"m\",\"category\":\"TIMEOUT\",\"retryable\":true}\n"
                + "{\"id\":\"b\",\"category\":\"NOT_A_CATEGORY\",\"message\":\"m\"}\n";

        assertThatThrownBy(() -> LabelledErrors.read(
                new ByteArrayInputStream(corpus.getBytes(StandardCharsets.UTF_8)), "test.jsonl"))
                .hasMessageContaining("test.jsonl line 2");
    }

    @Test
    void builders_produce_valid_events_for_the_common_failures() {
        for (FailureEvent event : List.of(FailureEvents.heapOom("j"), FailureEvents.containerKilled("j"),
                FailureEvents.driverOom("j"), FailureEvents.fetchFailed("j"), FailureEvents.s3SlowDown("j"),
                FailureEvents.tableNotFound("j"), FailureEvents.accessDenied("j"), FailureEvents.unrecognised("j"))) {
            assertThat(codec.readFailureEvent(codec.write(event))).isEqualTo(event);
        }
        FailureEvent second = FailureEvents.attempt(FailureEvents.heapOom("j"), 2);
        assertThat(second.job().attempt()).isEqualTo(2);
        assertThat(second.eventId()).isEqualTo("j-evt-2");
    }
}
