package dev.autoremediate.tuner;

import java.util.Map;

/**
 * The most GB-hours one remediated retry of a team's job may be expected to cost. A candidate above its team's budget
 * is not chosen; when no candidate fits, the tuning is blocked (the policy escalates).
 *
 * @param defaultMaxRetryGbHours the budget of teams not listed; {@code null} or not positive = unlimited
 * @param maxRetryGbHoursByTeam  budgets by team (the job's {@code owner})
 */
public record TeamBudgets(Double defaultMaxRetryGbHours, Map<String, Double> maxRetryGbHoursByTeam) {

    public static final TeamBudgets UNLIMITED = new TeamBudgets(null, Map.of());

    public TeamBudgets {
        maxRetryGbHoursByTeam = maxRetryGbHoursByTeam == null ? Map.of() : Map.copyOf(maxRetryGbHoursByTeam);
    }

    /** The budget of {@code team}, or {@link Double#POSITIVE_INFINITY}. */
    public double maxRetryGbHours(String team) {
        Double budget = team == null ? null : maxRetryGbHoursByTeam.get(team);
        if (budget == null) {
            budget = defaultMaxRetryGbHours;
        }
        return budget == null || budget <= 0 ? Double.POSITIVE_INFINITY : budget;
    }
}
