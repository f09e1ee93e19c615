package dev.autoremediate.remediator.scheduler;

/**
 * Delivers a retry command to a scheduler.
 *
 * <p>Contract every implementation keeps:
 * <ul>
 *   <li><b>Idempotent on {@code commandId}.</b> The outbox delivers at least once: after a crash, a timeout or a
 *       lost response the same command is delivered again. An implementation passes {@code commandId} (or a value
 *       derived from it only) to the scheduler as its idempotency key, so that the scheduler runs the retry once,
 *       and reports a "this was already accepted" answer (HTTP 409 for the REST adapters) as {@code DELIVERED}.</li>
 *   <li><b>Faults are results, not exceptions.</b> Network errors, timeouts, throttling and 5xx answers are
 *       {@link DeliveryResult.State#RETRYABLE_FAILURE}: the caller tries again later with backoff. An answer that
 *       will not change by trying again (bad credentials, unknown workflow, a request the scheduler rejects) is
 *       {@link DeliveryResult.State#PERMANENT_FAILURE}. Only programming errors escape as exceptions.</li>
 *   <li><b>Bounded in time.</b> Every call has a connect and a request timeout; the in-call retries of an adapter
 *       are few and short. Long waits belong to the caller's persisted backoff.</li>
 *   <li><b>Thread-safe</b>, built once and shared.</li>
 * </ul>
 */
public interface SchedulerClient {

    /** The adapter's name in configuration: {@code kafka}, {@code maestro}, {@code airflow}, {@code webhook}. */
    String name();

    /** Delivers the command once (with the adapter's own short in-call retries); never throws for a fault. */
    DeliveryResult deliver(RetryRequest request);

    /**
     * Whether the scheduler should only be called once the command's {@code notBefore} has passed. Kafka and the
     * webhook hand {@code notBefore} to the receiver; Maestro and Airflow start a run at once when called.
     */
    default boolean waitsForNotBefore() {
        return false;
    }
}
