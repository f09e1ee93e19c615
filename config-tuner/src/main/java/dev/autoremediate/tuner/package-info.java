/**
 * Turns a remediation's config steps into concrete configuration changes of one job, within guard rails.
 *
 * <p>{@link dev.autoremediate.tuner.HeuristicTuner} applies the steps of a rule's action template
 * ({@code spark.executor.memory*1.5}) to the failed run's configuration and returns a
 * {@link dev.autoremediate.tuner.TuningResult}: the changes, notes on what was clamped or capped, or why no helpful
 * change is possible. {@link dev.autoremediate.tuner.GuardRails} holds the limits (container memory, step factor,
 * driver memory); {@link dev.autoremediate.tuner.MemorySize} reads and writes Spark's size strings.
 *
 * <p>Plain Java: no Spring, no I/O, no static state.
 */
package dev.autoremediate.tuner;
