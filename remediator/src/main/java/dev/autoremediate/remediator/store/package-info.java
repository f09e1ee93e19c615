/**
 * The decision store: every decision with the event it was taken on, and a transactional outbox of the messages
 * (decisions, retry commands) that are published after the decision is durable. Flyway migrations under
 * {@code db/migration} create the schema on H2 and on PostgreSQL.
 */
package dev.autoremediate.remediator.store;
