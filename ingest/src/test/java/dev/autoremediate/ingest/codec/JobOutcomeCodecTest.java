package dev.autoremediate.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.ingest.contract.JobOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobOutcomeCodecTest {

    private final ContractCodec codec = new ContractCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_valid_outcome_reads_with_its_config_and_metrics() {
        JobOutcome o = codec.readJobOutcome(utf8("""
                {"schemaVersion":1,"jobId":"etl.daily","runId":"etl.daily/2026-11-22","attempt":2,
                 "finishedAt":"2026-11-22T11:00:00Z","succeeded":true,"config":{"spark.executor.memory":"12g"},
                 "metrics":{"peakExecutorMemoryBytes":9000000000,"durationSeconds":600},"unknownField":"ignored"}"""));

        assertThat(o.jobId()).isEqualTo("etl.daily");
        assertThat(o.attempt()).isEqualTo(2);
        assertThat(o.finishedAt()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(o.succeeded()).isTrue();
        assertThat(o.config()).containsEntry("spark.executor.memory", "12g");
        assertThat(o.metrics().peakExecutorMemoryBytes()).isEqualTo(9_000_000_000L);
        assertThat(o.failureEventId()).isNull();
    }

    @Test
    void an_outcome_without_run_or_time_is_rejected_naming_each_field() {
        assertThatThrownBy(() -> codec.readJobOutcome(utf8("""
                {"schemaVersion":1,"jobId":"etl.daily","attempt":0,"succeeded":false}""")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("runId: is required")
                .hasMessageContaining("attempt: must be 1 or more")
                .hasMessageContaining("finishedAt: is required");
    }

    @Test
    void malformed_json_and_invalid_utf8_are_rejected_with_where() {
        assertThatThrownBy(() -> codec.readJobOutcome(utf8("{\"schemaVersion\":1,")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("malformed JSON at line 1");
        assertThatThrownBy(() -> codec.readJobOutcome(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("invalid UTF-8");
        assertThatThrownBy(() -> codec.readJobOutcome(new byte[0]))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("empty");
    }
}
