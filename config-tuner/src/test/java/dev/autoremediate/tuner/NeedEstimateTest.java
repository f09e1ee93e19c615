package dev.autoremediate.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NeedEstimateTest {

    @Test
    void the_normal_cdf_matches_known_values() {
        assertThat(NeedEstimate.phi(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NeedEstimate.phi(1.2815516)).isCloseTo(0.9, within(1e-6));
        assertThat(NeedEstimate.phi(-1.959964)).isCloseTo(0.025, within(1e-6));
    }

    @Test
    void the_chance_to_fit_grows_with_capacity_and_is_zero_at_a_limit_already_crossed() {
        var need = new NeedEstimate(10_000, 0.2, 8_000);
        assertThat(need.fits(8_000)).isZero();
        assertThat(need.fits(10_000)).isGreaterThan(need.fits(9_000)).isLessThan(need.fits(12_000));
        assertThat(need.fits(40_000)).isCloseTo(1.0, within(1e-6));
        // without a lower bound, the median fits half the time
        assertThat(new NeedEstimate(10_000, 0.2, 0).fits(10_000)).isCloseTo(0.5, within(1e-7));
    }

    @Test
    void gb_hours_count_executors_containers_and_the_driver() {
        var view = SparkView.of(java.util.Map.of("spark.executor.memory", "8g", "spark.executor.memoryOverhead", "1g",
                "spark.executor.instances", "10", "spark.driver.memory", "4g"));
        // (10 x 9 GiB + 4 GiB + 410 MiB driver overhead) x 2 h
        assertThat(CostModel.gbHours(view, 2)).isCloseTo((10 * 9 * 1024 + 4096 + 409) / 1024.0 * 2, within(1e-9));
        assertThat(CostModel.DEFAULT.expected(10, 1.0)).isEqualTo(10);
        assertThat(CostModel.DEFAULT.expected(10, 0.5)).isCloseTo(10 * (0.5 + 0.5 * 2.1), within(1e-9));
    }
}
