/**
 * Enrichment of failure events before they are decided: {@link
 * dev.autoremediate.remediator.enrichment.EventEnricher} (the contract: bounded time, never throws, never drops) and
 * {@link dev.autoremediate.remediator.enrichment.SparkHistoryEnricher}, which fills a Spark failure's missing run
 * metrics from the Spark History Server's REST API.
 */
package dev.autoremediate.remediator.enrichment;
