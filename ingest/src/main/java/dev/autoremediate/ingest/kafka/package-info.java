/**
 * The Kafka consumer of {@code job-failures}: {@link dev.autoremediate.ingest.kafka.FailureEventBatchListener} (the
 * service's, a poll batch at a time) or {@link dev.autoremediate.ingest.kafka.FailureEventListener} (one record at a
 * time) parses and validates each record and hands the events to a
 * {@link dev.autoremediate.ingest.kafka.FailureEventHandler};
 * {@link dev.autoremediate.ingest.kafka.DeadLetters} builds the error handler that dead-letters what can never be
 * processed (with the reason in a header) and retries what failed for a passing reason. The only package of
 * {@code ingest} that uses Spring.
 */
package dev.autoremediate.ingest.kafka;
