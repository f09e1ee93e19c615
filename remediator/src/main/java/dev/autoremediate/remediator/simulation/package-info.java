/**
 * Runs the job-platform simulator of {@code datasets} against the decision pipeline (the rule pack, the policy and
 * the config tuner) and against baselines, offline or through Kafka, and summarises what each achieved.
 */
package dev.autoremediate.remediator.simulation;
