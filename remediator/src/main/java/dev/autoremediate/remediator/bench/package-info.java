/**
 * Benchmarks printed by {@code autoremediate bench}: the offline decision path on one thread
 * ({@link dev.autoremediate.remediator.bench.OfflineBenchmark}) and the service end to end through a real broker and
 * the store next to the same broker's plain passthrough ({@link dev.autoremediate.remediator.bench.EndToEndBenchmark}).
 * Figures are printed, never asserted; docs/performance.md records them.
 */
package dev.autoremediate.remediator.bench;
