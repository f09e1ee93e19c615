/**
 * Ingest: the contract v1 ({@code contract}), its JSON codec and validation ({@code codec}) and the Kafka consumer
 * of {@code job-failures} ({@code kafka}). Depends on nothing else of the project; Spring appears only in
 * {@code kafka}.
 */
package dev.autoremediate.ingest;
