package dev.autoremediate.model.outcome;

import java.util.List;
import java.util.Locale;

/**
 * Platt scaling: p' = sigmoid(slope x logit(p) + intercept), fitted by Newton's method on held-out (probability,
 * outcome) pairs.
 */
public record Platt(double slope, double intercept) {

    public static final Platt IDENTITY = new Platt(1, 0);

    public double apply(double p) {
        return sigmoid(slope * logit(p) + intercept);
    }

    /** Fits slope and intercept to minimise the log loss of {@code (p, y)} pairs, y in {0, 1}. */
    static Platt fit(List<double[]> pairs) {
        if (pairs.size() < 20) {
            return IDENTITY;
        }
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 50; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (double[] pair : pairs) {
                double x = logit(pair[0]);
                double q = sigmoid(a * x + b);
                double r = q - pair[1];
                double w = q * (1 - q);
                ga += r * x;
                gb += r;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double before = loss(pairs, a, b);
            double step = 1;
            while (step > 1e-6 && loss(pairs, a - step * da, b - step * db) > before) {
                step /= 2;
            }
            if (step <= 1e-6) {
                break;
            }
            a -= step * da;
            b -= step * db;
            if (Math.abs(step * da) < 1e-10 && Math.abs(step * db) < 1e-10) {
                break;
            }
        }
        return new Platt(a, b);
    }

    private static double loss(List<double[]> pairs, double a, double b) {
        double sum = 0;
        for (double[] pair : pairs) {
            double q = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(a * logit(pair[0]) + b)));
            sum -= pair[1] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return sum;
    }

    String toText() {
        return String.format(Locale.ROOT, "slope=%.17g;intercept=%.17g", slope, intercept);
    }

    static Platt parse(String text) {
        double a = 1;
        double b = 0;
        for (String part : text.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals("slope")) {
                a = Double.parseDouble(kv[1]);
            } else if (kv[0].equals("intercept")) {
                b = Double.parseDouble(kv[1]);
            }
        }
        return new Platt(a, b);
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
