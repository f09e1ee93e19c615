package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.ingest.contract.FailureEvent;
import org.junit.jupiter.api.Test;

class FailureFactTest {

    @Test
    void the_text_joins_every_part_of_the_failure_in_lower_case_and_absent_parts_are_empty() {
        FailureEvent event = ClassifyTest.event("Spark", 137, "Container KILLED", null, "org.Foo.BarException", "Last LINE");

        FailureFact fact = FailureFact.of(event);

        assertThat(fact.engine()).isEqualTo("spark");
        assertThat(fact.exceptionClass()).isEqualTo("org.Foo.BarException");
        assertThat(fact.stackTrace()).isEmpty();
        assertThat(fact.exitCode()).isEqualTo(137);
        assertThat(fact.text()).isEqualTo("org.foo.barexception\ncontainer killed\nlast line");
    }

    @Test
    void a_huge_failure_keeps_the_head_and_the_tail_of_its_text() {
        String middle = "x".repeat(3 * FailureFact.MAX_TEXT_CHARS);
        FailureEvent event = ClassifyTest.event("spark", null, "HEAD " + middle, "at y.Z\n" + middle + " ROOT CAUSE", null, null);

        FailureFact fact = FailureFact.of(event);

        assertThat(fact.text().length()).isLessThanOrEqualTo(FailureFact.MAX_TEXT_CHARS + 1);
        assertThat(fact.text()).startsWith("head ").endsWith(" root cause");
    }

    @Test
    void the_fact_of_a_builder_event_carries_its_engine_and_exit_code() {
        FailureFact fact = FailureFact.of(FailureEvents.containerKilled("job-1"));

        assertThat(fact.engine()).isEqualTo("spark");
        assertThat(fact.exitCode()).isEqualTo(137);
        assertThat(fact.text()).contains("container killed by yarn for exceeding memory limits");
    }

    @Test
    void the_text_is_the_failures_whole_text_in_lower_case() {
        for (var error : dev.autoremediate.datasets.LabelledErrors.realDev()) {
            FailureEvent event = error.toFailureEvent();
            if (dev.autoremediate.ingest.notebook.PapermillErrors.find(event.failure()).isPresent()) {
                continue; // a notebook's fact is built from the engine error inside it
            }
            assertThat(FailureFact.of(event).text()).isEqualTo(event.failure().allText().toLowerCase(java.util.Locale.ROOT));
        }
        FailureEvent gaps = ClassifyTest.event("spark", null, "", "Trace", "", "Tail");
        assertThat(FailureFact.of(gaps).text()).isEqualTo("trace\ntail");
    }
}
