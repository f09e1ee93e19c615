package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.autoremediate.datasets.FailureTextGenerator;
import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.ArrayList;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextLiteralsTest {

    @Test
    void rewritesLiteralTextContainsConstraintsAndLeavesEverythingElseAsWritten() {
        String drl = """
                rule "X" when
                    FailureFact( engine == "spark", text contains "java heap space" || text not contains "gc \\"x\\"",
                                 text matches "(?s).*oom.*", message contains "m", $f.text contains "f",
                                 text contains "tab\\there", context contains "c", text contains "" )
                then end
                """;

        TextLiterals.Rewritten rewritten = TextLiterals.rewrite(drl);

        assertThat(rewritten.literals()).containsExactly(entry("java heap space", 0), entry("gc \"x\"", 1));
        assertThat(rewritten.drl())
                .contains("textContains(0, \"java heap space\")")
                .contains("!textContains(1, \"gc \\\"x\\\"\")")
                .contains("text matches \"(?s).*oom.*\"", "message contains \"m\"", "$f.text contains \"f\"",
                        "text contains \"tab\\there\"", "context contains \"c\"", "text contains \"\"")
                .hasLineCount(drl.split("\n", -1).length - 1);
    }

    @Test
    void aLiteralKeepsItsNumberInEveryFileOfThePack() {
        var numbers = new java.util.LinkedHashMap<String, Integer>();
        TextLiterals.Rewritten first = TextLiterals.rewrite("FailureFact( text contains \"a\", text contains \"b\" )", numbers);
        TextLiterals.Rewritten second = TextLiterals.rewrite("FailureFact( text contains \"c\" ||\n text not contains \"a\" )", numbers);

        assertThat(numbers).containsExactly(entry("a", 0), entry("b", 1), entry("c", 2));
        assertThat(first.drl()).isEqualTo("FailureFact( textContains(0, \"a\"), textContains(1, \"b\") )");
        assertThat(second.drl()).isEqualTo("FailureFact( textContains(2, \"c\") ||\n !textContains(0, \"a\") )");
        assertThat(second.literals()).containsOnlyKeys("c", "a");
    }

    @Test
    void findsALiteralExactlyWhenTheTextContainsIt() {
        var literals = new TextLiterals(Set.of("heap", "java heap space", "ap", "52", "exit code 52", "\"q\"", "a",
                "é", "ü x", "\uD83D\uDE00"));
        var random = new Random(3);
        String[] pieces = {"java ", "heap", " space", "exit code ", "5", "2", "\"q\"", "a", "p", " ", "é", "ü", " x",
                "\uD83D", "\uDE00", "\uD83D\uDE00"};
        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder();
            for (int j = random.nextInt(10); j >= 0; j--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            TextLiterals.Found found = literals.foundIn(text.toString());
            var expected = new java.util.HashSet<String>();
            for (String literal : literals.literals()) {
                boolean contained = text.toString().contains(literal);
                assertThat(found.contains(literal)).as("'%s' in '%s'", literal, text).isEqualTo(contained);
                assertThat(found.has(literals.numberOf(literal))).as("'%s' in '%s'", literal, text).isEqualTo(contained);
                if (contained) {
                    expected.add(literal);
                }
            }
            assertThat(found).isEqualTo(expected).hasSameSizeAs(expected);
            assertThat(Set.copyOf(found)).isEqualTo(expected);
        }
    }

    @Test
    void aPackTooLargeForTheAutomatonFindsItsLiteralsOneByOne() {
        var literals = new java.util.ArrayList<String>();
        var random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            var literal = new StringBuilder();
            for (int j = 0; j < 40; j++) {
                literal.append((char) ('!' + random.nextInt(90)));
            }
            literals.add(literal.toString());
        }
        literals.add("heap space");
        var large = new TextLiterals(new java.util.LinkedHashSet<>(literals));
        assertThat(TextLiterals.Automaton.fits(literals.toArray(String[]::new))).isFalse();

        assertThat(large.foundIn("java heap space, " + literals.get(7))).containsExactlyInAnyOrder("heap space", literals.get(7));
        assertThat(large.foundIn("nothing")).isEmpty();
    }

    @Test
    void thePackMatchesExactlyAsTheDrlIsWritten() {
        RulePack indexed = BundledPack.get();
        RulePack asWritten = RulePack.bundled(false);
        var events = new ArrayList<FailureEvent>();
        indexed.testCases().forEach(c -> events.add(c.event()));
        LabelledErrors.realDev().forEach(e -> events.add(e.toFailureEvent()));
        FailureTextGenerator.bundled().generate(2, 9).forEach(g -> events.add(g.event()));
        int matched = 0;
        for (FailureEvent event : events) {
            RuleOutcome expected = asWritten.classify(event);
            assertThat(indexed.classify(event)).as(event.eventId()).isEqualTo(expected);
            matched += expected.matches().isEmpty() ? 0 : 1;
        }
        assertThat(indexed.version()).isEqualTo(asWritten.version());
        assertThat(matched).isGreaterThan(events.size() / 2);
    }

    @Test
    void notContainsAndEscapedQuotesMatchAsWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        DrlFiles.write(dir, "t.drl",
                DrlFiles.rule("TST-001 throttled but not by s3", 0.9,
                        "text contains \"throttl\", text not contains \"s3\""),
                DrlFiles.rule("TST-002 quoted", 0.8, "text contains \"table \\\"x\\\"\""));
        RulePack pack = RulePack.fromDirectory(dir);

        assertThat(ids(pack, "Request throttled by the API gateway")).containsExactly("TST-001");
        assertThat(ids(pack, "S3 request throttled: SlowDown")).isEmpty();
        assertThat(ids(pack, "Table \"x\" is locked")).containsExactly("TST-002");
        assertThat(ids(pack, "table x is locked")).isEmpty();
    }

    private static java.util.List<String> ids(RulePack pack, String message) {
        var event = dev.autoremediate.datasets.FailureEvents.spark("j", 1, null, message, null);
        return pack.classify(event).matches().stream().map(RuleMatch::ruleId).toList();
    }
}
