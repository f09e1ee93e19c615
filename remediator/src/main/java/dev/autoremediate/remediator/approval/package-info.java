/**
 * Holding the service back: remediation modes per job, team and category ({@link
 * dev.autoremediate.remediator.approval.RemediationMode}: automatic, approval required, dry run; the most specific
 * setting wins, job over team over category), and the approval of decisions that wait for a human ({@link
 * dev.autoremediate.remediator.approval.ApprovalService}: approve sends the retry command through the transactional
 * outbox exactly once; reject closes the decision). Every change is written to the audit trail.
 */
package dev.autoremediate.remediator.approval;
