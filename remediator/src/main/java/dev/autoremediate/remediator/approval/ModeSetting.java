package dev.autoremediate.remediator.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A mode set for one job, team (the job's {@code owner}) or failure category.
 *
 * @param key the job id, the owner, or the category name
 */
public record ModeSetting(ModeScope scope, String key, RemediationMode mode, String updatedBy, Instant updatedAt,
        String comment) {

    public ModeSetting {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(updatedBy, "updatedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (key.isBlank() || key.length() > 512) {
            throw new IllegalArgumentException("a mode's key must be 1 to 512 characters");
        }
        comment = comment == null ? "" : comment;
    }
}
