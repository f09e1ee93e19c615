package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RunMetrics;

/**
 * The cost of a retry in GB-hours, and its expected cost counting the chance that it fails too.
 *
 * <ul>
 *   <li>GB-hours = (executors x (executor memory + overhead) + driver memory + driver overhead) x hours.</li>
 *   <li>hours: the last successful run's duration scaled by the input ratio; without history the failed attempt's
 *       duration / {@code failedShare} (it stopped part-way); 1 h when nothing is known. Fewer cores per executor
 *       stretch it in proportion (the executors stay the same); more partitions add 3% per doubling; a disabled
 *       broadcast join adds 10%.</li>
 *   <li>expected GB-hours = GB-hours x (P + (1 - P) x (failedShare + refixFactor)): a failure burns on average
 *       {@code failedShare} of the run, then another fix costs about {@code refixFactor} runs.</li>
 * </ul>
 *
 * @param failedShare the share of a run a failed attempt burns, on average (0.6)
 * @param refixFactor what fixing a failed retry costs again, in runs of the candidate (1.5)
 */
public record CostModel(double failedShare, double refixFactor) {

    public static final CostModel DEFAULT = new CostModel(0.6, 1.5);

    public CostModel {
        if (!(failedShare > 0 && failedShare <= 1) || !(refixFactor >= 0)) {
            throw new IllegalArgumentException("failedShare must be in (0, 1] and refixFactor not negative");
        }
    }

    /** Estimated hours of a successful run with the current configuration. */
    double baseHours(TuningRequest request) {
        RunMetrics m = request.metrics();
        if (request.lastSuccess().isPresent()) {
            JobOutcome last = request.lastSuccess().get();
            RunMetrics lm = last.metrics();
            if (lm != null && lm.durationSeconds() != null && lm.durationSeconds() > 0) {
                double scale = 1;
                if (m.inputBytes() != null && m.inputBytes() > 0 && lm.inputBytes() != null && lm.inputBytes() > 0) {
                    scale = (double) m.inputBytes() / lm.inputBytes();
                }
                double hours = lm.durationSeconds() / 3600.0 * scale;
                try {
                    hours *= (double) SparkView.of(last.config()).cores() / SparkView.of(request.config()).cores();
                } catch (IllegalArgumentException e) {
                    // keep the unadjusted duration
                }
                return hours;
            }
        }
        if (m.durationSeconds() != null && m.durationSeconds() > 0) {
            return m.durationSeconds() / 3600.0 / failedShare;
        }
        return 1.0;
    }

    double hours(double baseHours, SparkView now, SparkView candidate) {
        double hours = baseHours * now.cores() / candidate.cores();
        if (candidate.partitions() > now.partitions()) {
            hours *= 1 + 0.03 * Math.log((double) candidate.partitions() / now.partitions()) / Math.log(2);
        }
        if (now.broadcastEnabled() && !candidate.broadcastEnabled()) {
            hours *= 1.1;
        }
        return hours;
    }

    static double gbHours(SparkView config, double hours) {
        return (config.executors() * (double) config.containerMb() + config.driverContainerMb()) / 1024.0 * hours;
    }

    /** The least {@link #expected} can be for a candidate of given GB-hours, whatever its success probability. */
    double lowerBoundFactor() {
        return Math.min(1.0, failedShare + refixFactor);
    }

    double expected(double gbHours, double successProbability) {
        return gbHours * (successProbability + (1 - successProbability) * (failedShare + refixFactor));
    }
}
