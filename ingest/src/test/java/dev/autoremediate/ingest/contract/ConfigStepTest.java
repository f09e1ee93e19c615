package dev.autoremediate.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigStepTest {

    @Test
    void aMultiplicationParsesIntoKeyAndFactor() {
        ConfigStep step = ConfigStep.parse("spark.executor.memory*1.5");

        assertThat(step.key()).isEqualTo("spark.executor.memory");
        assertThat(step.op()).isEqualTo(ConfigStep.Op.MULTIPLY);
        assertThat(step.value()).isEqualTo("1.5");
        assertThat(step.factor()).isEqualTo(1.5);
    }

    @Test
    void anAssignmentParsesIntoKeyAndValue() {
        ConfigStep step = ConfigStep.parse("spark.sql.autoBroadcastJoinThreshold=-1");

        assertThat(step.key()).isEqualTo("spark.sql.autoBroadcastJoinThreshold");
        assertThat(step.op()).isEqualTo(ConfigStep.Op.SET);
        assertThat(step.value()).isEqualTo("-1");
    }

    @Test
    void anAssignmentMayContainAStarOrEqualsSignInItsValue() {
        ConfigStep step = ConfigStep.parse("spark.executor.extraJavaOptions=-XX:+UseG1GC -Da=b*c");

        assertThat(step.op()).isEqualTo(ConfigStep.Op.SET);
        assertThat(step.key()).isEqualTo("spark.executor.extraJavaOptions");
        assertThat(step.value()).isEqualTo("-XX:+UseG1GC -Da=b*c");
    }

    @Test
    void spacesAroundKeyAndValueAreStripped() {
        assertThat(ConfigStep.parse(" spark.executor.memory * 2 ")).isEqualTo(
                new ConfigStep("spark.executor.memory", ConfigStep.Op.MULTIPLY, "2"));
        assertThat(ConfigStep.parse("spark.sql.shuffle.partitions = 400")).isEqualTo(
                new ConfigStep("spark.sql.shuffle.partitions", ConfigStep.Op.SET, "400"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark.executor.memory*1.5", "spark.sql.autoBroadcastJoinThreshold=-1",
        "spark.executor.memoryOverhead*2", "spark.sql.broadcastTimeout=600", "spark.driver.maxResultSize=0"})
    void toStringGivesBackTheTextItWasParsedFrom(String text) {
        ConfigStep step = ConfigStep.parse(text);

        assertThat(step.toString()).isEqualTo(text);
        assertThat(ConfigStep.parse(step.toString())).isEqualTo(step);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "", "   ", "*2", "=1", "k*", "k=", "k= "})
    void textWithoutKeyOperatorAndValueIsRejected(String text) {
        assertThatThrownBy(() -> ConfigStep.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonsenseIsRejectedWithAMessageThatShowsTheExpectedForm() {
        assertThatThrownBy(() -> ConfigStep.parse("nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonsense")
                .hasMessageContaining("key*factor")
                .hasMessageContaining("key=value");
    }

    @Test
    void aFactorThatIsNotANumberIsRejected() {
        assertThatThrownBy(() -> ConfigStep.parse("k*abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k*abc")
                .hasMessageContaining("number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k*-2", "k*0", "k*-0", "k*0.0", "k*NaN", "k*Infinity", "k*1e400"})
    void aFactorThatIsNotPositiveAndFiniteIsRejected(String text) {
        assertThatThrownBy(() -> ConfigStep.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void aNullTextIsRejected() {
        assertThatThrownBy(() -> ConfigStep.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theConstructorRefusesAMissingOpKeyOrValue() {
        assertThatThrownBy(() -> new ConfigStep("k", null, "1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConfigStep(" ", ConfigStep.Op.SET, "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigStep("k", ConfigStep.Op.SET, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAMultiplicationHasAFactor() {
        assertThatThrownBy(() -> ConfigStep.parse("k=2").factor()).isInstanceOf(IllegalStateException.class);
    }
}
