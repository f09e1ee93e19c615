package dev.autoremediate.model;

import java.util.Arrays;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.util.ExpNormalizer;

/**
 * Scores a Tribuo logistic regression ({@link LinearSGDModel} trained with the log-multiclass objective) from its
 * weights, computing the numbers {@link Model#predict} computes, in the same order, without its per-example objects.
 *
 * <p>Tribuo builds an example, sorts its feature names, looks each up in a {@code HashMap}, builds a sparse vector,
 * multiplies the weight matrix (one array per output, so each feature's weights lie in as many places) and wraps the
 * scores in a prediction. Here the names are looked up in an open-addressing table and the weights are stored feature
 * by feature (one feature's weights for every output side by side), which is what the decision path's cache misses
 * were made of. The arithmetic is Tribuo's: for each known feature in ascending id order, then the bias (value 1),
 * {@code score[o] += weight[o][feature] * value}, then the softmax of {@link ExpNormalizer}. BundledClassifierTest and
 * RetryOutcomeModelTest compare the results with {@link Model#predict} for equality.
 */
public final class LinearScorer {

    private final int features;
    /** Open addressing: the name's hash code in the high half, its feature id + 1 in the low half; 0 for empty. */
    private final long[] slots;
    private final int mask;
    /** Every name's characters one after the other, by feature id: a lookup compares one place, not a String. */
    private final char[] nameChars;
    private final int[] nameStart;     // by feature id, with one more entry: the end of the last name
    private final double[] weights;    // [feature id][output], the bias as feature id `features`
    private final int outputs;
    private static final ExpNormalizer SOFTMAX = new ExpNormalizer();

    private LinearScorer(ImmutableFeatureMap featureMap, DenseMatrix matrix) {
        int n = featureMap.size();
        this.features = n;
        this.outputs = matrix.getDimension1Size();
        if (matrix.getDimension2Size() != n + 1) {
            throw new IllegalArgumentException("the weights have " + matrix.getDimension2Size() + " columns for " + n
                    + " features and a bias");
        }
        String[] names = new String[n];
        for (var info : featureMap) {
            names[featureMap.getID(info.getName())] = info.getName();
        }
        this.nameStart = new int[n + 1];
        var chars = new StringBuilder();
        for (int id = 0; id < n; id++) {
            nameStart[id] = chars.length();
            chars.append(names[id]);
        }
        nameStart[n] = chars.length();
        this.nameChars = chars.toString().toCharArray();
        int capacity = Integer.highestOneBit(Math.max(4, n * 2)) << 1;
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        for (int id = 0; id < n; id++) {
            int h = names[id].hashCode();
            int slot = spread(h) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (long) h << 32 | (id + 1);
        }
        this.weights = new double[(n + 1) * outputs];
        for (int f = 0; f <= n; f++) {
            for (int o = 0; o < outputs; o++) {
                weights[f * outputs + o] = matrix.get(o, f);
            }
        }
    }

    /** The scorer of {@code model}, or {@code null} when it is not a logistic regression of Tribuo's. */
    public static LinearScorer of(Model<Label> model) {
        if (model instanceof LinearSGDModel sgd
                && model.getProvenance().getTrainerProvenance().toString().contains("LogMulticlass")
                && sgd.getModelParameters() instanceof LinearParameters parameters) {
            return new LinearScorer(model.getFeatureIDMap(), parameters.getWeightMatrix());
        }
        return null;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    /** The id of the feature {@code name}, or -1 when the model does not know it. */
    public int id(String name) {
        int h = name.hashCode();
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int id = (int) entry - 1;
            if ((int) (entry >>> 32) == h && sameName(id, name)) {
                return id;
            }
        }
    }

    /**
     * The id of the feature named by {@code chars[from, to)}, or -1 when the model does not know it: the same as
     * {@link #id(String)} of that name, without the String.
     *
     * @param hash the name's {@link String#hashCode()}
     */
    int id(char[] chars, int from, int to, int hash) {
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int id = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && nameStart[id + 1] - nameStart[id] == to - from
                    && Arrays.equals(nameChars, nameStart[id], nameStart[id + 1], chars, from, to)) {
                return id;
            }
        }
    }

    private boolean sameName(int id, String name) {
        int start = nameStart[id];
        if (nameStart[id + 1] - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (nameChars[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The probabilities of the outputs (by output id) for the distinct known features {@code ids[0..count)}, each of
     * the value {@code value}: {@link #probabilities(int[], double[], int)} with every value the same, the features put
     * in ascending id order by a bit per feature instead of a sort.
     */
    double[] probabilities(int[] ids, int count, double value) {
        long[] present = new long[(features + 63) >>> 6];
        for (int i = 0; i < count; i++) {
            present[ids[i] >>> 6] |= 1L << ids[i];
        }
        double[] scores = new double[outputs];
        for (int word = 0; word < present.length; word++) {
            long bits = present[word];
            while (bits != 0) {
                int base = ((word << 6) + Long.numberOfTrailingZeros(bits)) * outputs;
                bits &= bits - 1;
                for (int o = 0; o < outputs; o++) {
                    scores[o] += weights[base + o] * value;
                }
            }
        }
        return biasedAndNormalized(scores);
    }

    /** The weight of feature {@code id} for output {@code output}. */
    double weight(int id, int output) {
        return weights[id * outputs + output];
    }

    /**
     * The probabilities of the outputs (by output id) for the features {@code ids[0..count)} (known ids, distinct, in
     * any order; sorted here) with the values {@code values[0..count)}.
     */
    public double[] probabilities(int[] ids, double[] values, int count) {
        long[] order = new long[count];
        for (int i = 0; i < count; i++) {
            order[i] = (long) ids[i] << 32 | i;
        }
        Arrays.sort(order);
        double[] scores = new double[outputs];
        for (long entry : order) {
            double value = values[(int) entry];
            int base = (int) (entry >>> 32) * outputs;
            for (int o = 0; o < outputs; o++) {
                scores[o] += weights[base + o] * value;
            }
        }
        return biasedAndNormalized(scores);
    }

    /** Adds the bias (Tribuo's arithmetic: weight times 1.0, after the features) and applies the softmax, in place. */
    private double[] biasedAndNormalized(double[] scores) {
        int bias = features * outputs;
        for (int o = 0; o < outputs; o++) {
            scores[o] += weights[bias + o] * 1.0;
        }
        SOFTMAX.normalizeInPlace(scores);
        return scores;
    }
}
