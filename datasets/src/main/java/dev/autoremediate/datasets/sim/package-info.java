/**
 * A seeded, deterministic job-platform simulator: a population of Spark jobs with hidden true needs (executor heap,
 * native overhead, driver memory, collected result size, Kryo buffer, broadcast time), skew, growth over days, noise,
 * transient failures and user errors. {@link dev.autoremediate.datasets.sim.JobPlatform} runs one attempt of a job
 * under a configuration and answers with a contract-v1 {@link dev.autoremediate.ingest.contract.FailureEvent} and
 * {@link dev.autoremediate.ingest.contract.JobOutcome}; {@link dev.autoremediate.datasets.sim.Simulation} drives
 * remediation strategies over the same jobs and days and measures them. The distributions are documented in
 * {@code datasets/README.md} and {@code docs/remediation.md}.
 */
package dev.autoremediate.datasets.sim;
