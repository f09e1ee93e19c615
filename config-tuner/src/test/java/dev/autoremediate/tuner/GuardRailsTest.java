package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuardRailsTest {

    @Test
    void defaultsAreA64gContainerADoublingStepAndA32gDriver() {
        assertThat(GuardRails.DEFAULT.maxContainerMemoryMb()).isEqualTo(65536);
        assertThat(GuardRails.DEFAULT.maxStepFactor()).isEqualTo(2.0);
        assertThat(GuardRails.DEFAULT.maxDriverMemoryMb()).isEqualTo(32768);
    }

    @Test
    void rejectsLimitsThatMakeNoSense() {
        assertThatThrownBy(() -> new GuardRails(0, 2.0, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuardRails(1024, 0.5, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuardRails(1024, Double.NaN, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuardRails(1024, 2.0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
