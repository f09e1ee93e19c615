/**
 * Scheduler adapters: how a retry decided by the service reaches the scheduler that runs the job. A
 * {@link dev.autoremediate.remediator.scheduler.SchedulerClient} delivers one
 * {@link dev.autoremediate.remediator.scheduler.RetryRequest} and says whether it was delivered, failed for now
 * (try again later) or failed for good. Implementations: the Kafka command topic (the default), Netflix Maestro's
 * step restart, Apache Airflow's stable REST API and a signed generic webhook.
 * {@link dev.autoremediate.remediator.scheduler.SchedulerRouter} picks the adapter from the event's
 * {@code job.scheduler}. Delivery is driven by the outbox publisher, which persists attempts and backoff, so a
 * command is delivered or recorded as failed, never dropped.
 */
package dev.autoremediate.remediator.scheduler;
