/**
 * Per-job config overrides, the role of Netflix's ConfigService: when a retry with changed configuration succeeds,
 * its changes become the job's override, served at {@code GET /api/v1/jobs/{jobId}/config} so that the scheduler
 * launches the next run with them; the override decays back toward the owner's configuration when runs show
 * headroom ({@link dev.autoremediate.remediator.overrides.OverrideDecay}). Every change of an override is appended to
 * its history. See docs/config-overrides.md.
 */
package dev.autoremediate.remediator.overrides;
