package dev.autoremediate.remediator.audit;

import java.util.List;

/** The appended record of human actions. Implementations throw Spring's {@code DataAccessException}s. */
public interface AuditTrail {

    /** Appends an entry and returns it with its id. */
    AuditEntry record(AuditEntry entry);

    /** Newest first; {@code offset} entries skipped. */
    List<AuditEntry> recent(int offset, int limit);

    long count();

    /** Every entry about one target, oldest first. */
    List<AuditEntry> forTarget(String targetType, String targetId);
}
