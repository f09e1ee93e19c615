package dev.autoremediate.model;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.sgd.AbstractSGDTrainer;
import org.tribuo.provenance.ModelProvenance;

/**
 * What the trainers of this module share so that a model file depends on its examples and a given time only: the
 * dataset hash, a provenance without the host's execution details and with a fixed training time, and Tribuo's
 * per-epoch logging turned down.
 */
public final class ReproducibleTraining {

    private ReproducibleTraining() {
    }

    /** A SHA-256 digest, for the dataset hash recorded in a model's provenance. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The model with its provenance's training time replaced by {@code time} and no execution provenance (host,
     * JVM), through Tribuo's own (protected) {@code Model.copy(String, ModelProvenance)}: Tribuo offers no public way
     * to fix the training time it records.
     */
    @SuppressWarnings("unchecked")
    public static Model<Label> withFixedTime(Model<Label> model, OffsetDateTime time, Map<String, Provenance> run) {
        ModelProvenance p = model.getProvenance();
        var fixed = new ModelProvenance(p.getClassName(), time, p.getDatasetProvenance(), p.getTrainerProvenance(), run,
                false);
        try {
            Method copy = Model.class.getDeclaredMethod("copy", String.class, ModelProvenance.class);
            copy.setAccessible(true);
            return (Model<Label>) copy.invoke(model, model.getName(), fixed);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot set the provenance of a Tribuo model: " + e, e);
        }
    }

    /**
     * Turns Tribuo's per-epoch INFO lines down. Each class is initialised first, so that its static field holds the
     * logger configured here (java.util.logging keeps loggers only weakly) and the level sticks.
     */
    public static void quietTribuo() {
        for (Class<?> type : List.of(AbstractSGDTrainer.class, LinearSGDTrainer.class, LogisticRegressionTrainer.class)) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            Logger logger = Logger.getLogger(type.getName());
            if (logger.getLevel() == null || logger.getLevel().intValue() < Level.WARNING.intValue()) {
                logger.setLevel(Level.WARNING);
            }
        }
    }
}
