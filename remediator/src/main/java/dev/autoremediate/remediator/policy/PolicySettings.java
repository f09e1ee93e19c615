package dev.autoremediate.remediator.policy;

import dev.autoremediate.tuner.GuardRails;
import dev.autoremediate.tuner.TeamBudgets;
import java.time.Duration;
import java.util.Objects;

/**
 * The remediation policy's knobs (guard rails are policy, not code).
 *
 * @param maxAttemptsPerRun a run that failed on this attempt is not retried again (the retry budget per run)
 * @param baseDelay         delay of the first retry when the rule names none; doubled at every further attempt
 * @param maxDelay          cap of the exponential backoff
 * @param unknownDelay      delay of the one cautious retry of an unclassified failure
 * @param dryRun            decide and record, but send no retry command
 * @param guardRails        caps of the config tuner (container memory, step factor, driver memory)
 * @param successBar        the config tuner picks the cheapest configuration whose predicted success reaches this
 * @param teamBudgets       the most GB-hours one remediated retry of a team's job may cost
 */
public record PolicySettings(
        int maxAttemptsPerRun,
        Duration baseDelay,
        Duration maxDelay,
        Duration unknownDelay,
        boolean dryRun,
        GuardRails guardRails,
        double successBar,
        TeamBudgets teamBudgets) {

    /** The config tuner's default success bar. */
    public static final double DEFAULT_SUCCESS_BAR = 0.9;

    public static final PolicySettings DEFAULT = new PolicySettings(4, Duration.ofSeconds(60), Duration.ofHours(1),
            Duration.ofMinutes(5), false, GuardRails.DEFAULT);

    /** Settings with the default success bar and no team budgets. */
    public PolicySettings(int maxAttemptsPerRun, Duration baseDelay, Duration maxDelay, Duration unknownDelay,
            boolean dryRun, GuardRails guardRails) {
        this(maxAttemptsPerRun, baseDelay, maxDelay, unknownDelay, dryRun, guardRails, DEFAULT_SUCCESS_BAR,
                TeamBudgets.UNLIMITED);
    }

    public PolicySettings {
        if (maxAttemptsPerRun < 1) {
            throw new IllegalArgumentException("autoremediate.policy.max-attempts-per-run must be at least 1, was "
                    + maxAttemptsPerRun);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(unknownDelay, "unknownDelay");
        Objects.requireNonNull(guardRails, "guardRails");
        teamBudgets = teamBudgets == null ? TeamBudgets.UNLIMITED : teamBudgets;
        if (!(successBar > 0 && successBar < 1)) {
            throw new IllegalArgumentException("autoremediate.policy.success-bar must be between 0 and 1, was "
                    + successBar);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || unknownDelay.isNegative()) {
            throw new IllegalArgumentException("policy delays must not be negative");
        }
    }
}
