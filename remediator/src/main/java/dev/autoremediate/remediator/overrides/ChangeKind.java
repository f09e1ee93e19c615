package dev.autoremediate.remediator.overrides;

/** What happened to an override, as its history records it. */
public enum ChangeKind {
    /** A remediated retry succeeded and its config changes became the job's override. */
    CREATED,
    /** A later remediated retry succeeded on top of an active override: its changes were added. */
    RAISED,
    /** Runs showed headroom: a value stepped down toward the owner's configuration. */
    DECAYED,
    /** The last value decayed back to the owner's: the override is no longer in effect. */
    EXPIRED,
    /** A person cleared the override. */
    CLEARED
}
