/**
 * What the service tells Prometheus ({@code /actuator/prometheus}) and the health endpoint: decisions by category,
 * action, source and status, decision latency, remediation outcomes, the state of the guard rails of automatic actions
 * (circuit breaker, rate limit), and the health of the broker and the store.
 * Consumer lag comes from Kafka's client metrics bound by spring-kafka's Micrometer listener.
 */
package dev.autoremediate.remediator.metrics;
