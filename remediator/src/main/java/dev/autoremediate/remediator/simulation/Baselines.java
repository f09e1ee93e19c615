package dev.autoremediate.remediator.simulation;

import dev.autoremediate.datasets.sim.RetryStrategy;
import dev.autoremediate.datasets.sim.SparkSettings;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The strategies the tuned policy is measured against. */
public final class Baselines {

    /** Maestro's default retry policy: a failed step (a user error to Maestro) is retried twice as it was. */
    public static final int MAESTRO_USER_ERROR_RETRIES = 2;

    private Baselines() {
    }

    /** Retries every failure as it was, {@value #MAESTRO_USER_ERROR_RETRIES} times (Netflix Maestro's default). */
    public static RetryStrategy maestroDefault() {
        return new RetryStrategy() {
            @Override
            public String name() {
                return "maestro-default";
            }

            @Override
            public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
                return failed.job().attempt() <= MAESTRO_USER_ERROR_RETRIES ? Optional.of(Map.of()) : Optional.empty();
            }
        };
    }

    /** Retries what the rule pack calls retryable (an unclassified failure once), as it was. */
    public static RetryStrategy plainRetry(FailureClassifier classifier) {
        return new RetryStrategy() {
            @Override
            public String name() {
                return "plain-retry";
            }

            @Override
            public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
                Classification c = classifier.classify(failed).classification();
                return retryable(c, failed) ? Optional.of(Map.of()) : Optional.empty();
            }
        };
    }

    /**
     * Retries what the rule pack calls retryable; for a memory failure it doubles the memory the category names
     * (executor memory, memory overhead, or driver memory and maxResultSize), within the container cap.
     */
    public static RetryStrategy doubleMemory(FailureClassifier classifier, long maxContainerMb) {
        return new RetryStrategy() {
            @Override
            public String name() {
                return "double-memory";
            }

            @Override
            public Optional<Map<String, String>> onFailure(FailureEvent failed, List<JobOutcome> history) {
                Classification c = classifier.classify(failed).classification();
                if (!retryable(c, failed)) {
                    return Optional.empty();
                }
                SparkSettings s = SparkSettings.of(failed.job().config());
                var overrides = new TreeMap<String, String>();
                switch (c.category()) {
                    case MEMORY_EXECUTOR_OOM -> overrides.put(SparkSettings.EXECUTOR_MEMORY,
                            SparkSettings.sparkSize(Math.min(2 * s.heapMb(), maxContainerMb - s.overheadMb())));
                    case MEMORY_OVERHEAD -> overrides.put(SparkSettings.EXECUTOR_OVERHEAD,
                            SparkSettings.sparkSize(Math.min(2 * s.overheadMb(), maxContainerMb - s.heapMb())));
                    case MEMORY_DRIVER -> {
                        overrides.put(SparkSettings.DRIVER_MEMORY, SparkSettings.sparkSize(2 * s.driverMb()));
                        if (s.maxResultMb() > 0) {
                            overrides.put(SparkSettings.MAX_RESULT_SIZE, SparkSettings.sparkSize(2 * s.maxResultMb()));
                        }
                    }
                    default -> {
                    }
                }
                return Optional.of(overrides);
            }
        };
    }

    private static boolean retryable(Classification c, FailureEvent failed) {
        if (c.category() == FailureCategory.UNKNOWN) {
            return failed.job().attempt() == 1;
        }
        return Boolean.TRUE.equals(c.retryable());
    }
}
