package dev.autoremediate.remediator.api;

/** The body of an approval or rejection: why (may be empty). */
public record ReviewRequest(String comment) {
}
