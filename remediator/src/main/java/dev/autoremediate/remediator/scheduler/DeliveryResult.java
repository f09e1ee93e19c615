package dev.autoremediate.remediator.scheduler;

import java.util.Objects;

/**
 * What a delivery attempt came to.
 *
 * @param state  delivered, failed for now, or failed for good
 * @param detail what the scheduler answered (status and a short excerpt of the body) or why it could not be reached
 */
public record DeliveryResult(State state, String detail) {

    /** Longest detail kept; answers can be whole HTML error pages. */
    static final int MAX_DETAIL = 500;

    public enum State {
        /** The scheduler accepted the command (or had already accepted it). */
        DELIVERED,
        /** Not accepted this time; trying again later may succeed (network, timeout, throttling, 5xx). */
        RETRYABLE_FAILURE,
        /** Not accepted, and trying again will not change that (authentication, unknown job, rejected request). */
        PERMANENT_FAILURE
    }

    public DeliveryResult {
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    }

    public static DeliveryResult delivered(String detail) {
        return new DeliveryResult(State.DELIVERED, detail);
    }

    public static DeliveryResult retryable(String detail) {
        return new DeliveryResult(State.RETRYABLE_FAILURE, detail);
    }

    public static DeliveryResult permanent(String detail) {
        return new DeliveryResult(State.PERMANENT_FAILURE, detail);
    }

    public boolean delivered() {
        return state == State.DELIVERED;
    }
}
