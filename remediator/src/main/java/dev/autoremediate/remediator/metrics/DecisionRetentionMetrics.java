package dev.autoremediate.remediator.metrics;

import dev.autoremediate.remediator.service.DecisionRetentionSweeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code autoremediate_decisions_deleted_total}: settled decisions deleted by this instance after
 * {@code autoremediate.decision.retention} (only the holder of the outbox lease sweeps, so of several instances one
 * counts at a time; 0 without a retention). Read from memory, no query.
 */
public final class DecisionRetentionMetrics {

    public DecisionRetentionMetrics(MeterRegistry registry, DecisionRetentionSweeper sweeper) {
        FunctionCounter.builder("autoremediate.decisions.deleted", sweeper, DecisionRetentionSweeper::deletedTotal)
                .description("Settled decisions deleted, with their outbox rows, after the decision retention period")
                .register(registry);
    }
}
