package dev.autoremediate.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autoremediate.datasets.FailureTextGenerator.GeneratedFailure;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FailureTextGeneratorTest {

    private final FailureTextGenerator generator = FailureTextGenerator.bundled();

    @Test
    void coversEveryCategoryAndTheEnginesOfTheDesign() {
        var categories = generator.templates().stream().map(FailureTextGenerator.Template::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(FailureCategory.class)));
        assertThat(categories).containsExactlyInAnyOrder(FailureCategory.values());
        Set<String> engines = generator.generate(3, 1).stream().map(g -> g.event().job().engine()).collect(Collectors.toSet());
        assertThat(engines).contains("spark", "hive", "flink", "mapreduce", "trino");
        assertThat(generator.templates()).hasSizeGreaterThan(140);
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOtherWordings() {
        List<GeneratedFailure> a = generator.generate(4, 99);
        List<GeneratedFailure> b = generator.generate(4, 99);
        List<GeneratedFailure> c = generator.generate(4, 100);

        assertThat(a).isEqualTo(b);
        assertThat(a).hasSize(generator.templates().size() * 4);
        long differ = java.util.stream.IntStream.range(0, a.size())
                .filter(i -> !a.get(i).event().failure().equals(c.get(i).event().failure())).count();
        assertThat(differ).isGreaterThan(a.size() / 2);
    }

    @Test
    void paraphrasesOfOneTemplateShareAJobIdAndDifferInWording() {
        List<GeneratedFailure> failures = generator.generate(6, 7);
        var byJob = failures.stream().collect(Collectors.groupingBy(GeneratedFailure::jobId));
        assertThat(byJob).hasSize(generator.templates().size());
        byJob.values().forEach(group -> {
            assertThat(group).hasSize(6);
            assertThat(group).extracting(GeneratedFailure::category).containsOnly(group.get(0).category());
            assertThat(group).allSatisfy(g -> assertThat(g.event().job().jobId()).isEqualTo(g.jobId()));
        });
        long distinctTexts = failures.stream().map(g -> g.event().failure().allText()).distinct().count();
        assertThat(distinctTexts).isGreaterThan(failures.size() * 8 / 10);
        assertThat(failures).extracting(g -> g.event().eventId()).doesNotHaveDuplicates();
    }

    @Test
    void expandsAlternativesOptionalsSlotsAndEscapes() {
        var template = "@ TIMEOUT spark exit=1,none\n{a|b} x{?y} {$n:5-5} \\{lit\\|eral\\} {$host}\n";
        var parsed = parse(template);
        var failure = new FailureTextGenerator(parsed).generate(20, 3);
        assertThat(failure).allSatisfy(g -> assertThat(g.event().failure().allText())
                .matches("(?s).*[ab] xy? 5 \\{lit\\|eral} \\S+.*"));
        assertThat(parsed.get(0).id()).isEqualTo("gen.timeout.001");
    }

    @Test
    void aBadTemplateIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("# c\n@ TIMEOUT spark\nok\n@ TIMEOUT spark\n{$nosuchslot}\n"))
                .hasMessageContaining("line 4").hasMessageContaining("nosuchslot");
        assertThatThrownBy(() -> parse("@ NOT_A_CATEGORY spark\ntext\n")).hasMessageContaining("unknown category");
        assertThatThrownBy(() -> parse("@ TIMEOUT spark\n{unclosed\n")).hasMessageContaining("unclosed");
    }

    private static List<FailureTextGenerator.Template> parse(String text) {
        try {
            return FailureTextGenerator.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
