package dev.autoremediate.remediator.review;

/**
 * How a rule did: how often it decided, and how its retries ended.
 *
 * @param hits      decisions it decided
 * @param succeeded retried runs that then succeeded
 * @param failed    retried runs that failed again
 */
public record RuleStats(long hits, long succeeded, long failed) {

    public static final RuleStats NONE = new RuleStats(0, 0, 0);

    /** succeeded / (succeeded + failed); null while no outcome is known. */
    public Double successRate() {
        long known = succeeded + failed;
        return known == 0 ? null : (double) succeeded / known;
    }
}
