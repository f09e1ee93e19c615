package dev.autoremediate.remediator.approval;

/** What the service may do on its own with a retry it decided. */
public enum RemediationMode {
    /** send the retry command at once (status APPLIED) */
    AUTOMATIC,
    /** store the decision as PENDING_APPROVAL; the command goes out when an on-call engineer approves it */
    APPROVAL_REQUIRED,
    /** decide and record (status DRY_RUN), send nothing */
    DRY_RUN
}
