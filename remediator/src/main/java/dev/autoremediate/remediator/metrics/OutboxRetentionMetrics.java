package dev.autoremediate.remediator.metrics;

import dev.autoremediate.remediator.service.OutboxRetentionSweeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code autoremediate_outbox_payloads_cleared_total}: payloads of delivered outbox messages cleared by this instance
 * after {@code autoremediate.outbox.retention} (only the holder of the outbox lease sweeps, so of several instances
 * one counts at a time). Read from memory, no query.
 */
public final class OutboxRetentionMetrics {

    public OutboxRetentionMetrics(MeterRegistry registry, OutboxRetentionSweeper sweeper) {
        FunctionCounter.builder("autoremediate.outbox.payloads.cleared", sweeper, OutboxRetentionSweeper::clearedTotal)
                .description("Payloads of delivered outbox messages cleared after the retention period")
                .register(registry);
    }
}
