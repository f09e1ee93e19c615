/**
 * The read side of the review UI and API: decisions searched and paged ({@link
 * dev.autoremediate.remediator.review.DecisionQueries}), one decision explained ({@link
 * dev.autoremediate.remediator.review.DecisionExplainer}: the event, every matched rule, model scores, the config
 * diff, the timeline of retries and outcomes), the rule table with hits and success rates, unclassified failures
 * grouped by message template, and the dashboard's series. Plain JDBC over the decision store's tables.
 */
package dev.autoremediate.remediator.review;
