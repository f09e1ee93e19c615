package dev.autoremediate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.datasets.FailureTextGenerator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupSplitTest {

    private final GroupSplit split = new GroupSplit(5, 12345);

    @Test
    void neverPutsParaphrasesOfOneFailureOnBothSides() {
        List<TrainingExample> examples = FailureTextGenerator.bundled().generate(4, 7).stream()
                .map(g -> new TrainingExample(g.event(), g.category())).toList();
        List<TrainingExample> held = split.select(examples, 0, true);
        List<TrainingExample> rest = split.select(examples, 0, false);

        var heldJobs = new HashSet<>(held.stream().map(GroupSplit::groupOf).toList());
        var restJobs = new HashSet<>(rest.stream().map(GroupSplit::groupOf).toList());
        assertThat(heldJobs).isNotEmpty().doesNotContainAnyElementsOf(restJobs);
        assertThat(held.size() + rest.size()).isEqualTo(examples.size());
        assertThat(held.size() % 4).as("whole groups of 4 paraphrases").isZero();
    }

    @Test
    void spreadsJobsOverEveryFoldAndIsStable() {
        var folds = IntStream.range(0, 1000).map(i -> split.foldOf("job-" + i)).boxed().toList();
        assertThat(new HashSet<>(folds)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(folds.stream().filter(f -> f == 0).count()).isBetween(150L, 250L);
        assertThat(new GroupSplit(5, 12345).foldOf("etl.daily_sessions")).isEqualTo(split.foldOf("etl.daily_sessions"));
    }

    @Test
    void refusesFewerThanTwoFolds() {
        assertThatThrownBy(() -> new GroupSplit(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
