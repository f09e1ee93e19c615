package dev.autoremediate.model.outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Scores of probabilistic predictions of retry success: log-loss, AUC, the Brier score and a reliability
 * (calibration) table of ten equal-width bins with the expected calibration error.
 *
 * @param examples    predictions scored
 * @param successRate share of successful retries
 * @param logLoss     mean negative log-likelihood (probabilities clipped to [1e-6, 1 - 1e-6])
 * @param auc         area under the ROC curve (ties count half)
 * @param brier       mean squared error of the probability
 * @param ece         expected calibration error: the bins' |mean predicted - observed| weighted by their size
 * @param bins        the reliability table
 */
public record OutcomeEvaluation(int examples, double successRate, double logLoss, double auc, double brier, double ece,
        List<Bin> bins) {

    /** One bin of the reliability table: predictions in [from, to). */
    public record Bin(double from, double to, int count, double meanPredicted, double observed) {
    }

    /** One scored prediction. */
    public record Scored(double predicted, boolean succeeded) {
    }

    /** Scores the items whose prediction is a number (NaN = the estimator gave none; such items are left out). */
    public static <T> OutcomeEvaluation of(List<T> items, ToDoubleFunction<T> predicted,
            java.util.function.Predicate<T> succeeded) {
        var scored = new ArrayList<Scored>();
        for (T item : items) {
            double p = predicted.applyAsDouble(item);
            if (!Double.isNaN(p)) {
                scored.add(new Scored(p, succeeded.test(item)));
            }
        }
        return of(scored);
    }

    public static OutcomeEvaluation of(List<Scored> scored) {
        if (scored.isEmpty()) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        int n = scored.size();
        double logLoss = 0;
        double brier = 0;
        int positives = 0;
        int[] count = new int[10];
        double[] sumP = new double[10];
        int[] sumY = new int[10];
        for (Scored s : scored) {
            double p = Math.min(1 - 1e-6, Math.max(1e-6, s.predicted()));
            int y = s.succeeded() ? 1 : 0;
            positives += y;
            logLoss -= y == 1 ? Math.log(p) : Math.log(1 - p);
            brier += (s.predicted() - y) * (s.predicted() - y);
            int bin = Math.min(9, (int) Math.floor(s.predicted() * 10));
            count[bin]++;
            sumP[bin] += s.predicted();
            sumY[bin] += y;
        }
        var bins = new ArrayList<Bin>();
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            double meanP = count[b] == 0 ? 0 : sumP[b] / count[b];
            double observed = count[b] == 0 ? 0 : (double) sumY[b] / count[b];
            bins.add(new Bin(b / 10.0, (b + 1) / 10.0, count[b], meanP, observed));
            ece += (double) count[b] / n * Math.abs(meanP - observed);
        }
        return new OutcomeEvaluation(n, (double) positives / n, logLoss / n, auc(scored, positives), brier / n, ece,
                List.copyOf(bins));
    }

    /** Mann-Whitney AUC with average ranks for ties. */
    static double auc(List<Scored> scored, int positives) {
        int negatives = scored.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        var sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::predicted));
        double rankSum = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).predicted() == sorted.get(i).predicted()) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k).succeeded()) {
                    rankSum += avgRank;
                }
            }
            i = j + 1;
        }
        return (rankSum - (double) positives * (positives + 1) / 2) / ((double) positives * negatives);
    }

    /** The figures and the reliability table as text. */
    public String format() {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "examples %d, success rate %.3f%n", examples, successRate));
        sb.append(String.format(Locale.ROOT, "log-loss %.4f, AUC %.4f, Brier %.4f, ECE %.4f%n", logLoss, auc, brier, ece));
        sb.append("reliability: predicted bin | count | mean predicted | observed success\n");
        for (Bin b : bins) {
            sb.append(String.format(Locale.ROOT, "  [%.1f, %.1f) | %6d | %.3f | %s%n", b.from(), b.to(), b.count(),
                    b.meanPredicted(), b.count() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", b.observed())));
        }
        return sb.toString();
    }
}
