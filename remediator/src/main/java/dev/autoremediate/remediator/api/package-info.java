/**
 * The REST API under {@code /api/v1} (OpenAPI document at {@code /v3/api-docs}): decisions searched and explained,
 * approve and reject, modes, the rule table, unclassified failures, the audit trail and the dashboard's series.
 * Authentication and roles come from {@code app.SecurityConfiguration}.
 */
package dev.autoremediate.remediator.api;
