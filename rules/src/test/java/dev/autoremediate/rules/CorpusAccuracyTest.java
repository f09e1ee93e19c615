package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * How well the bundled pack agrees with the labels of the real error corpus. No match counts as UNKNOWN; a sample
 * labelled UNKNOWN is right when no rule matches. Retryable is compared only where the answer is not UNKNOWN on
 * either side. Prints the figures and every disagreement; asserts floors a little below what the pack reaches.
 */
class CorpusAccuracyTest {

    @Test
    void the_bundled_pack_classifies_the_real_error_corpus_above_its_floors() {
        double[] figures = score(LabelledErrors.realDev(), "real-errors-dev");

        // measured 0.975 (117/120) and 0.981 (105/107) when the floors were set
        assertThat(figures[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(figures[1]).isGreaterThanOrEqualTo(0.97);
    }

    /**
     * Other wordings of the same failure kinds, written by hand without copying the dev corpus (not used to tune the
     * rules: the first run scored 72/73, and one phrase was generalised after it): the generalisation check.
     */
    @Test
    void the_bundled_pack_classifies_held_out_wordings_above_its_floors() throws Exception {
        List<LabelledError> heldOut;
        try (var in = getClass().getResourceAsStream("/fixtures/rules/heldout-wordings.jsonl")) {
            heldOut = LabelledErrors.read(in, "heldout-wordings.jsonl");
        }
        assertThat(heldOut).hasSizeGreaterThanOrEqualTo(60);
        double[] figures = score(heldOut, "held-out wordings");

        assertThat(figures[0]).isGreaterThanOrEqualTo(0.95);
        assertThat(figures[1]).isGreaterThanOrEqualTo(0.97);
    }

    /** Prints the figures and every disagreement; returns category and retryable accuracy. */
    private static double[] score(List<LabelledError> corpus, String name) {
        RulePack pack = BundledPack.get();

        int categoryRight = 0;
        int retryableCompared = 0;
        int retryableRight = 0;
        int matched = 0;
        int matchedRight = 0;
        var decidedBy = new java.util.TreeMap<String, Integer>();
        for (LabelledError sample : corpus) {
            RuleOutcome outcome = pack.classify(sample.toFailureEvent());
            FailureCategory predicted = outcome.best().map(RuleMatch::category).orElse(FailureCategory.UNKNOWN);
            boolean right = predicted == sample.category();
            if (right) {
                categoryRight++;
            }
            outcome.best().ifPresent(best -> decidedBy.merge(best.ruleId(), 1, Integer::sum));
            if (outcome.best().isPresent()) {
                matched++;
                if (right) {
                    matchedRight++;
                }
            }
            if (outcome.best().isPresent() && sample.category() != FailureCategory.UNKNOWN) {
                retryableCompared++;
                if (outcome.best().get().retryable() == sample.retryable()) {
                    retryableRight++;
                }
            }
            if (!right || outcome.best().isPresent() && outcome.best().get().retryable() != sample.retryable()) {
                System.out.printf(Locale.ROOT, "MISS %-22s label=%s/%s got=%s/%s rules=%s%n", sample.id(),
                        sample.category(), sample.retryable(), predicted,
                        outcome.best().map(RuleMatch::retryable).orElse(null),
                        outcome.matches().stream().map(RuleMatch::ruleId).toList());
            }
        }
        double categoryAccuracy = (double) categoryRight / corpus.size();
        double retryableAccuracy = (double) retryableRight / retryableCompared;
        double precision = (double) matchedRight / matched;
        System.out.printf(Locale.ROOT, "%s: category accuracy %.3f (%d/%d); precision when a rule matched %.3f (%d/%d);"
                        + " retryable accuracy %.3f (%d/%d)%n", name, categoryAccuracy, categoryRight, corpus.size(),
                precision, matchedRight, matched, retryableAccuracy, retryableRight, retryableCompared);

        System.out.printf(Locale.ROOT, "%d of %d rules decide at least one corpus sample: %s%n", decidedBy.size(),
                pack.rules().size(), decidedBy);

        return new double[] {categoryAccuracy, retryableAccuracy};
    }

    @Test
    void classify_throughput_is_printed() {
        RulePack pack = BundledPack.get();
        List<FailureEvent> events = LabelledErrors.realDev().stream().map(LabelledError::toFailureEvent).toList();
        for (int i = 0; i < 20; i++) {
            events.forEach(pack::classify);
        }
        int rounds = 50;
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            events.forEach(pack::classify);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "classify throughput: %.0f events/s on one thread (%d rules, %d events)%n",
                rounds * events.size() / seconds, pack.rules().size(), rounds * events.size());

        // the largest event ingest lets through: 16 KiB message, 64 KiB stack trace, 32 KiB log tail
        FailureEvent huge = ClassifyTest.event("spark", 1, "m".repeat(16 * 1024), "at a.B(C.java:1)\n".repeat(64 * 1024 / 17),
                "org.apache.spark.SparkException", "log line\n".repeat(32 * 1024 / 9));
        for (int i = 0; i < 20; i++) {
            pack.classify(huge);
        }
        started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            pack.classify(huge);
        }
        System.out.printf(Locale.ROOT, "classify of a maximal (112 KiB) event: %.2f ms%n",
                (System.nanoTime() - started) / 1e6 / 100);
    }
}
