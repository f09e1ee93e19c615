package dev.autoremediate.ingest.contract;

/** What a decision does about a failed run. */
public enum ActionType {
    /** Retry with the same configuration. */
    RETRY,
    /** Retry with the configuration changes of the decision. */
    RETRY_WITH_CONFIG,
    /** Do not retry; the owner has to change code, data or permissions. */
    NO_RETRY,
    /** Do not retry; a human (on-call, platform team) has to look at it. */
    ESCALATE;

    public boolean isRetry() {
        return this == RETRY || this == RETRY_WITH_CONFIG;
    }
}
