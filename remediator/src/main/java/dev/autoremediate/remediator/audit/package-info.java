/**
 * The audit trail: every human action (approve, reject, mode change, override clear) appended as an
 * {@link dev.autoremediate.remediator.audit.AuditEntry} — who, when, what, on which target, and why. Other features
 * record into it through {@link dev.autoremediate.remediator.audit.AuditTrail}; the UI and API show it.
 */
package dev.autoremediate.remediator.audit;
