/**
 * The service's side of the local Spark sandbox (module {@code sandbox}): real Spark failures turned into contract
 * v1 failure events, and a retry's config overrides applied to the next run. Used by {@code serve --demo=spark} and
 * by {@code SparkSandboxIT}.
 */
package dev.autoremediate.remediator.sandbox;
