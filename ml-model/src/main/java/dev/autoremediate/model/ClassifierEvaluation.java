package dev.autoremediate.model;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores of a failure classifier over labelled examples: accuracy, per-category precision, recall and F1, macro-F1
 * (the mean F1 over every category that occurs as truth or as an answer), the confusion matrix, and calibration (the
 * reliability table over ten equal-width confidence bins and the expected calibration error, ECE: the mean over bins,
 * weighted by their share of examples, of |accuracy − mean confidence|).
 */
public final class ClassifierEvaluation {

    /**
     * One scored example.
     *
     * @param truth      the label
     * @param predicted  the answer
     * @param confidence the answer's probability
     */
    public record Outcome(FailureCategory truth, FailureCategory predicted, double confidence) {
        public Outcome {
            Objects.requireNonNull(truth, "truth");
            Objects.requireNonNull(predicted, "predicted");
        }

        public boolean correct() {
            return truth == predicted;
        }
    }

    /** Precision, recall and F1 of one category, and how many examples have it as truth. */
    public record ClassScores(FailureCategory category, double precision, double recall, double f1, int support) {
    }

    /** One confidence bin of the reliability table: [from, to), its examples, mean confidence and accuracy. */
    public record Bin(double from, double to, int count, double meanConfidence, double accuracy) {
    }

    private final List<Outcome> outcomes;

    public ClassifierEvaluation(List<Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    /** The outcomes of {@code classifier} on {@code examples}, answering UNKNOWN below {@code minConfidence}. */
    public static ClassifierEvaluation of(FailureClassifier classifier, List<TrainingExample> examples, double minConfidence) {
        var out = new ArrayList<Outcome>(examples.size());
        for (TrainingExample example : examples) {
            ModelPrediction p = classifier.predict(example.event()).orUnknownBelow(minConfidence);
            out.add(new Outcome(example.category(), p.category(), p.confidence()));
        }
        return new ClassifierEvaluation(out);
    }

    public List<Outcome> outcomes() {
        return outcomes;
    }

    public int size() {
        return outcomes.size();
    }

    public long correct() {
        return outcomes.stream().filter(Outcome::correct).count();
    }

    public double accuracy() {
        return outcomes.isEmpty() ? 0.0 : (double) correct() / outcomes.size();
    }

    /** Categories that occur as truth or as an answer, in enum order. */
    public Set<FailureCategory> categories() {
        var set = EnumSet.noneOf(FailureCategory.class);
        outcomes.forEach(o -> {
            set.add(o.truth());
            set.add(o.predicted());
        });
        return set;
    }

    public List<ClassScores> perClass() {
        var rows = new ArrayList<ClassScores>();
        for (FailureCategory c : categories()) {
            long tp = outcomes.stream().filter(o -> o.truth() == c && o.predicted() == c).count();
            long predicted = outcomes.stream().filter(o -> o.predicted() == c).count();
            long actual = outcomes.stream().filter(o -> o.truth() == c).count();
            double p = predicted == 0 ? 0.0 : (double) tp / predicted;
            double r = actual == 0 ? 0.0 : (double) tp / actual;
            double f1 = p + r == 0 ? 0.0 : 2 * p * r / (p + r);
            rows.add(new ClassScores(c, p, r, f1, (int) actual));
        }
        return rows;
    }

    public double macroF1() {
        return perClass().stream().mapToDouble(ClassScores::f1).average().orElse(0.0);
    }

    /** truth → answer → count. */
    public Map<FailureCategory, Map<FailureCategory, Integer>> confusion() {
        var matrix = new EnumMap<FailureCategory, Map<FailureCategory, Integer>>(FailureCategory.class);
        for (Outcome o : outcomes) {
            matrix.computeIfAbsent(o.truth(), k -> new EnumMap<>(FailureCategory.class)).merge(o.predicted(), 1, Integer::sum);
        }
        return matrix;
    }

    public List<Bin> reliability() {
        var bins = new ArrayList<Bin>();
        for (int b = 0; b < 10; b++) {
            double from = b / 10.0;
            double to = (b + 1) / 10.0;
            final int bin = b;
            var in = outcomes.stream().filter(o -> Math.min(9, (int) (o.confidence() * 10)) == bin).toList();
            double conf = in.stream().mapToDouble(Outcome::confidence).average().orElse(0.0);
            double acc = in.stream().filter(Outcome::correct).count() / (double) Math.max(1, in.size());
            bins.add(new Bin(from, to, in.size(), conf, in.isEmpty() ? 0.0 : acc));
        }
        return bins;
    }

    /** Expected calibration error over the ten bins of {@link #reliability()}. */
    public double expectedCalibrationError() {
        if (outcomes.isEmpty()) {
            return 0.0;
        }
        return reliability().stream().mapToDouble(b -> b.count() * Math.abs(b.accuracy() - b.meanConfidence())).sum()
                / outcomes.size();
    }

    /** A report for people: summary, per-category table, confusion matrix and reliability table. */
    public String format(String title) {
        var sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "examples %d, correct %d, accuracy %.1f%%, macro-F1 %.3f, ECE %.3f%n",
                size(), correct(), 100 * accuracy(), macroF1(), expectedCalibrationError()));
        sb.append(String.format(Locale.ROOT, "%-20s %9s %7s %7s %7s%n", "category", "precision", "recall", "F1", "support"));
        for (ClassScores s : perClass()) {
            sb.append(String.format(Locale.ROOT, "%-20s %9.3f %7.3f %7.3f %7d%n", s.category(), s.precision(), s.recall(),
                    s.f1(), s.support()));
        }
        var cats = new ArrayList<>(categories());
        sb.append("confusion matrix (rows: truth, columns: answer)\n");
        sb.append(String.format(Locale.ROOT, "%-20s", ""));
        cats.forEach(c -> sb.append(String.format(Locale.ROOT, " %4s", abbreviation(c))));
        sb.append('\n');
        var matrix = confusion();
        for (FailureCategory truth : cats) {
            sb.append(String.format(Locale.ROOT, "%-20s", truth));
            var row = matrix.getOrDefault(truth, Map.of());
            cats.forEach(c -> sb.append(String.format(Locale.ROOT, " %4d", row.getOrDefault(c, 0))));
            sb.append('\n');
        }
        sb.append("reliability (confidence bin: examples, mean confidence, accuracy)\n");
        for (Bin b : reliability()) {
            if (b.count() > 0) {
                sb.append(String.format(Locale.ROOT, "  [%.1f, %.1f%s %5d  %.3f  %.3f%n", b.from(), b.to(),
                        b.to() >= 1.0 ? "]" : ")", b.count(), b.meanConfidence(), b.accuracy()));
            }
        }
        return sb.toString();
    }

    /** Three letters of a category for the confusion matrix's header, e.g. MOV for MEMORY_OVERHEAD. */
    static String abbreviation(FailureCategory c) {
        return switch (c) {
            case MEMORY_EXECUTOR_OOM -> "MEX";
            case MEMORY_OVERHEAD -> "MOV";
            case MEMORY_DRIVER -> "MDR";
            case SHUFFLE_FETCH -> "SHF";
            case EXECUTOR_LOST -> "EXL";
            case TRANSIENT_IO -> "TIO";
            case DISK_SPACE -> "DSK";
            case SERIALIZATION -> "SER";
            case TIMEOUT -> "TMO";
            case RESOURCE_QUOTA -> "RQU";
            case USER_CODE -> "USR";
            case SQL_ANALYSIS -> "SQL";
            case PERMISSION -> "PRM";
            case DATA_SCHEMA -> "DAT";
            case DEPENDENCY -> "DEP";
            case UNKNOWN -> "UNK";
        };
    }
}
