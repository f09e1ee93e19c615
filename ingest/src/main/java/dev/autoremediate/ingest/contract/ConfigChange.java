package dev.autoremediate.ingest.contract;

/** One configuration key changed by a decision: its value before ({@code null} when unset) and after. */
public record ConfigChange(String from, String to) {
}
