package dev.autoremediate.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.SecretRedactor;
import dev.autoremediate.ingest.contract.FailureEvent;
import org.junit.jupiter.api.Test;

/** Secret redaction leaves real error text alone: no message of the labelled corpus is changed by it. */
class RealErrorsRedactionTest {

    @Test
    void no_real_error_message_of_the_corpus_is_redacted() {
        var corpus = LabelledErrors.realDev();
        assertThat(corpus).hasSizeGreaterThan(100);
        for (LabelledError error : corpus) {
            SecretRedactor.Result result = SecretRedactor.DEFAULT.redact(error.message());
            assertThat(result.found()).as(error.id()).isEmpty();
            assertThat(result.text()).as(error.id()).isEqualTo(error.message());
        }
    }

    @Test
    void ingest_notes_no_redaction_for_the_real_corpus() {
        var codec = new ContractCodec();
        for (LabelledError error : LabelledErrors.realDev()) {
            FailureEvent event = codec.readFailureEvent(codec.write(error.toFailureEvent()));
            assertThat(event.redactions()).as(error.id()).isEmpty();
        }
    }
}
