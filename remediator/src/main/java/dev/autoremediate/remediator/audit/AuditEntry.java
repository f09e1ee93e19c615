package dev.autoremediate.remediator.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One human action.
 *
 * @param id         assigned by the store; 0 before it is stored
 * @param at         when
 * @param actor      the user name or token name that acted
 * @param action     what, e.g. {@code APPROVE}, {@code REJECT}, {@code MODE_SET}, {@code MODE_CLEAR}, {@code OVERRIDE_CLEAR}
 * @param targetType what kind of thing it was done to: {@code DECISION}, {@code MODE}, {@code JOB}
 * @param targetId   which one: a decision id, {@code JOB:etl.daily}, a job id
 * @param comment    the person's reason; may be empty
 * @param details    what changed, one line (e.g. {@code PENDING_APPROVAL -> APPLIED}); may be null
 */
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, String targetId,
        String comment, String details) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        comment = comment == null ? "" : clip(comment.strip());
        details = details == null ? null : clip(details);
    }

    public static AuditEntry of(Instant at, String actor, String action, String targetType, String targetId,
            String comment, String details) {
        return new AuditEntry(0, at, actor, action, targetType, targetId, comment, details);
    }

    private static String clip(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
    }
}
