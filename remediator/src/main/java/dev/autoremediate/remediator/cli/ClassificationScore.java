package dev.autoremediate.remediator.cli;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores predicted classifications against labels. Category accuracy counts every example (no answer = UNKNOWN, and
 * a label of UNKNOWN is right when nothing was predicted). Retryable accuracy counts the examples where both the
 * label and the prediction name a category other than UNKNOWN and the label has a retryable flag: a retryable answer
 * without a category is the policy's, not the classifier's.
 */
final class ClassificationScore {

    /** One example's label and prediction. */
    record Example(String id, FailureCategory label, Boolean labelRetryable, FailureCategory predicted,
            Boolean predictedRetryable, String decidedBy, String text) {

        boolean categoryRight() {
            return label == predicted;
        }

        boolean retryableCompared() {
            return label != FailureCategory.UNKNOWN && predicted != FailureCategory.UNKNOWN && labelRetryable != null
                    && predictedRetryable != null;
        }

        boolean retryableRight() {
            return retryableCompared() && labelRetryable.equals(predictedRetryable);
        }
    }

    private final List<Example> examples = new ArrayList<>();

    void add(Example example) {
        examples.add(example);
    }

    int size() {
        return examples.size();
    }

    double categoryAccuracy() {
        return ratio(examples.stream().filter(Example::categoryRight).count(), examples.size());
    }

    double retryableAccuracy() {
        return ratio(examples.stream().filter(Example::retryableRight).count(),
                examples.stream().filter(Example::retryableCompared).count());
    }

    /** The figures, the per-category table and up to {@code maxMisses} misclassified examples. */
    void print(PrintWriter out, String name, int maxMisses) {
        long right = examples.stream().filter(Example::categoryRight).count();
        long compared = examples.stream().filter(Example::retryableCompared).count();
        long retryRight = examples.stream().filter(Example::retryableRight).count();
        out.printf(Locale.ROOT, "%s: %d examples%n", name, examples.size());
        out.printf(Locale.ROOT, "category accuracy   %.3f (%d/%d)%n", categoryAccuracy(), right, examples.size());
        out.printf(Locale.ROOT, "retryable accuracy  %.3f (%d/%d where label and answer both name a category)%n",
                retryableAccuracy(), retryRight, compared);
        out.println();
        out.printf(Locale.ROOT, "%-20s %7s %9s %6s %6s%n", "category", "labels", "predicted", "prec", "recall");
        Map<FailureCategory, long[]> counts = new EnumMap<>(FailureCategory.class);
        for (Example e : examples) {
            counts.computeIfAbsent(e.label(), c -> new long[3])[0]++;
            counts.computeIfAbsent(e.predicted(), c -> new long[3])[1]++;
            if (e.categoryRight()) {
                counts.get(e.label())[2]++;
            }
        }
        counts.forEach((category, c) -> out.printf(Locale.ROOT, "%-20s %7d %9d %6s %6s%n", category, c[0], c[1],
                c[1] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[2] / c[1]),
                c[0] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) c[2] / c[0])));
        List<Example> misses = examples.stream()
                .filter(e -> !e.categoryRight() || e.retryableCompared() && !e.retryableRight()).toList();
        out.println();
        out.printf(Locale.ROOT, "misclassified: %d%s%n", misses.size(),
                misses.size() > maxMisses ? " (first " + maxMisses + " shown)" : "");
        misses.stream().limit(maxMisses).forEach(e -> out.printf(Locale.ROOT, "  %s  label=%s/%s got=%s/%s by %s  | %s%n",
                e.id(), e.label(), e.labelRetryable(), e.predicted(), e.predictedRetryable(),
                e.decidedBy() == null ? "nothing" : e.decidedBy(), oneLine(e.text())));
        out.flush();
    }

    private static String oneLine(String text) {
        String s = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return s.length() > 140 ? s.substring(0, 140) + "..." : s;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }
}
