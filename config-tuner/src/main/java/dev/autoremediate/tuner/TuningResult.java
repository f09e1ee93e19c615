package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ConfigChange;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link HeuristicTuner#apply} proposes.
 *
 * <p>A blocked result carries no changes: the guard rails (or a configuration value that cannot be read) leave no
 * change that would help, and the caller should not retry with half a remedy; {@link #notes()} still say what was
 * computed and why it stopped.
 *
 * @param changes       key to change (from = the value as written in the job's configuration, {@code null} when it
 *                      was unset; to = the new value), sorted by key; keys whose value does not change are absent
 * @param notes         human-readable remarks in the order they arose: clamped factors, capped values, defaults used
 * @param blockedReason why no helpful change is possible, or {@code null}
 */
public record TuningResult(Map<String, ConfigChange> changes, List<String> notes, String blockedReason) {

    public TuningResult {
        changes = changes == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(changes));
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (blockedReason != null && blockedReason.isBlank()) {
            throw new IllegalArgumentException("blockedReason must be null or say why");
        }
        if (blockedReason != null && !changes.isEmpty()) {
            throw new IllegalArgumentException("a blocked result carries no changes");
        }
    }

    static TuningResult blocked(String reason, List<String> notes) {
        return new TuningResult(Map.of(), notes, reason);
    }

    public boolean blocked() {
        return blockedReason != null;
    }
}
