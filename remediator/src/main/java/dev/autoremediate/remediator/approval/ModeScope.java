package dev.autoremediate.remediator.approval;

/** What a mode setting applies to, most specific first: a job wins over its team, a team over a category. */
public enum ModeScope {
    JOB,
    TEAM,
    CATEGORY
}
