/**
 * Who may do what in the review UI and API: roles {@link dev.autoremediate.remediator.security.Role} (VIEWER reads,
 * ONCALL also approves, rejects and changes modes, ADMIN also sees the security set-up), users from configuration
 * with bcrypt hashes, a generated admin on a first start without users, bearer tokens (stored as SHA-256) for machine
 * clients, form login with CSRF protection for people, and 401 for an anonymous API call.
 */
package dev.autoremediate.remediator.security;
