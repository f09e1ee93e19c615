package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SparkDurationsTest {

    @Test
    void reads_bare_seconds_and_every_suffix() {
        assertThat(SparkDurations.seconds("300")).isEqualTo(300);
        assertThat(SparkDurations.seconds(" 45s ")).isEqualTo(45);
        assertThat(SparkDurations.seconds("1500ms")).isEqualTo(1.5);
        assertThat(SparkDurations.seconds("5min")).isEqualTo(300);
        assertThat(SparkDurations.seconds("5M")).isEqualTo(300);
        assertThat(SparkDurations.seconds("2h")).isEqualTo(7200);
        assertThat(SparkDurations.seconds("1.5s")).isEqualTo(1.5);
    }

    @Test
    void rejects_what_is_not_a_duration_naming_the_text() {
        for (String bad : new String[] {"", "s", "-5s", "5 days", "5d", "1.2.3s", "abc"}) {
            assertThatThrownBy(() -> SparkDurations.seconds(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not a duration");
        }
    }
}
