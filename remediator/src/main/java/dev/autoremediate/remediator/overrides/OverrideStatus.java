package dev.autoremediate.remediator.overrides;

/** The state of a job's override row. */
public enum OverrideStatus {
    /** Values are laid over the owner's configuration. */
    ACTIVE,
    /** Decayed all the way back: the owner's configuration applies again. */
    DECAYED,
    /** Cleared by a person ({@code DELETE /api/v1/jobs/{jobId}/config}): the owner's configuration applies again. */
    CLEARED
}
