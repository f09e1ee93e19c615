package dev.autoremediate.ingest.contract;

import java.util.Objects;

/**
 * One step of an action template: how a rule says a configuration key should change, before the tuner and the
 * policy's guard rails turn it into a concrete {@link ConfigChange}.
 *
 * <p>Text form, as rule authors write it: {@code spark.executor.memory*1.5} (multiply a size or number) or
 * {@code spark.sql.autoBroadcastJoinThreshold=-1} (set a value).
 *
 * @param key   configuration key
 * @param op    multiply or set
 * @param value the factor (for {@link Op#MULTIPLY}) or the new value (for {@link Op#SET})
 */
public record ConfigStep(String key, Op op, String value) {

    public enum Op {
        MULTIPLY,
        SET
    }

    public ConfigStep {
        Objects.requireNonNull(op, "op");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("config step needs a key");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("config step for " + key + " needs a value");
        }
        key = key.strip();
        value = value.strip();
        if (op == Op.MULTIPLY) {
            double factor;
            try {
                factor = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("config step " + key + "*" + value + ": the factor must be a number");
            }
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("config step " + key + "*" + value + ": the factor must be positive");
            }
        }
    }

    /** The factor of a {@link Op#MULTIPLY} step. */
    public double factor() {
        if (op != Op.MULTIPLY) {
            throw new IllegalStateException(this + " is not a multiplication");
        }
        return Double.parseDouble(value);
    }

    /** Parses {@code key*factor} or {@code key=value}. */
    public static ConfigStep parse(String text) {
        Objects.requireNonNull(text, "text");
        int eq = text.indexOf('=');
        int star = text.indexOf('*');
        if (star > 0 && (eq < 0 || star < eq)) {
            return new ConfigStep(text.substring(0, star), Op.MULTIPLY, text.substring(star + 1));
        }
        if (eq > 0) {
            return new ConfigStep(text.substring(0, eq), Op.SET, text.substring(eq + 1));
        }
        throw new IllegalArgumentException(
                "config step '" + text + "' must look like key*factor or key=value");
    }

    @Override
    public String toString() {
        return op == Op.MULTIPLY ? key + "*" + value : key + "=" + value;
    }
}
