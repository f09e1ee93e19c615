package dev.autoremediate.remediator.review;

import java.util.Map;

/**
 * Hits and outcomes per rule id: the seam for a richer source (e.g. the rule engine's own counters). The default
 * counts the decision store's rows by deciding rule and final status.
 */
@FunctionalInterface
public interface RuleStatistics {

    Map<String, RuleStats> byRule();
}
