package dev.autoremediate.model;

import static dev.autoremediate.ingest.contract.FailureCategory.DISK_SPACE;
import static dev.autoremediate.ingest.contract.FailureCategory.MEMORY_OVERHEAD;
import static dev.autoremediate.ingest.contract.FailureCategory.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.autoremediate.model.ClassifierEvaluation.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierEvaluationTest {

    // truth MOV x3, TMO x1; answers: MOV, MOV, TMO, DSK
    private final ClassifierEvaluation evaluation = new ClassifierEvaluation(List.of(
            new Outcome(MEMORY_OVERHEAD, MEMORY_OVERHEAD, 0.95),
            new Outcome(MEMORY_OVERHEAD, MEMORY_OVERHEAD, 0.91),
            new Outcome(MEMORY_OVERHEAD, TIMEOUT, 0.55),
            new Outcome(TIMEOUT, DISK_SPACE, 0.35)));

    @Test
    void computesAccuracyPrecisionRecallAndMacroF1() {
        assertThat(evaluation.accuracy()).isEqualTo(0.5);
        var rows = evaluation.perClass();
        assertThat(rows).extracting(ClassifierEvaluation.ClassScores::category)
                .containsExactly(MEMORY_OVERHEAD, DISK_SPACE, TIMEOUT);
        var mov = rows.get(0);
        assertThat(mov.precision()).isEqualTo(1.0);
        assertThat(mov.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(mov.f1()).isCloseTo(0.8, within(1e-9));
        assertThat(mov.support()).isEqualTo(3);
        assertThat(rows.get(1).f1()).isZero();
        assertThat(rows.get(2).f1()).isZero();
        assertThat(evaluation.macroF1()).isCloseTo(0.8 / 3, within(1e-9));
    }

    @Test
    void countsTheConfusionMatrixByTruthThenAnswer() {
        assertThat(evaluation.confusion().get(MEMORY_OVERHEAD)).containsEntry(MEMORY_OVERHEAD, 2).containsEntry(TIMEOUT, 1);
        assertThat(evaluation.confusion().get(TIMEOUT)).containsEntry(DISK_SPACE, 1);
    }

    @Test
    void measuresCalibrationPerConfidenceBin() {
        var bins = evaluation.reliability();
        assertThat(bins).hasSize(10);
        assertThat(bins.get(9).count()).isEqualTo(2);
        assertThat(bins.get(9).accuracy()).isEqualTo(1.0);
        assertThat(bins.get(5).accuracy()).isZero();
        // |1 - 0.93| * 2 + |0 - 0.55| + |0 - 0.35| over 4
        assertThat(evaluation.expectedCalibrationError()).isCloseTo((0.07 * 2 + 0.55 + 0.35) / 4, within(1e-9));
        assertThat(evaluation.format("t")).contains("macro-F1 0.267").contains("MOV").contains("[0.9, 1.0]");
    }
}
