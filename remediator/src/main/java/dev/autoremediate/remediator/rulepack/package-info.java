/**
 * The live rule pack of the service: hot reload of {@code autoremediate.rules.dir} ({@link RulePackWatcher}), its
 * state on the health endpoint ({@link RulePackHealthIndicator}), per-rule hit counters ({@link RuleHitMetrics}) and
 * the success rate of the retries each rule caused ({@link RuleSuccessRates}).
 */
package dev.autoremediate.remediator.rulepack;
