package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Groups the newest unclassified failures by message template, largest group first. */
public final class UnclassifiedFailures {

    /** How many unclassified decisions are read at most. */
    public static final int SCAN_LIMIT = 5000;

    private final DecisionQueries queries;
    private final ContractCodec codec;

    public UnclassifiedFailures(DecisionQueries queries, ContractCodec codec) {
        this.queries = queries;
        this.codec = codec;
    }

    public List<UnclassifiedGroup> groups(int limit) {
        final class Acc {
            long count;
            Instant first;
            Instant last;
            String example;
            String exception;
            String decision;
            final LinkedHashSet<String> jobs = new LinkedHashSet<>();
        }
        Map<String, Acc> byTemplate = new LinkedHashMap<>();
        for (StoredRow row : queries.unclassified(SCAN_LIMIT)) {
            FailureEvent event;
            try {
                event = codec.read(row.eventJson(), FailureEvent.class);
            } catch (RuntimeException unreadable) {
                continue;
            }
            String message = event.failure() == null ? null : event.failure().message();
            String key = (event.failure() == null || event.failure().exceptionClass() == null ? ""
                    : event.failure().exceptionClass() + ": ") + MessageTemplates.template(message);
            Acc acc = byTemplate.computeIfAbsent(key, k -> new Acc());
            Instant at = row.decision().decidedAt();
            acc.count++;
            if (acc.example == null) {
                acc.example = message == null ? "" : message.strip().lines().findFirst().orElse("");
                acc.exception = event.failure() == null ? null : event.failure().exceptionClass();
                acc.decision = row.decision().decisionId();
            }
            acc.first = acc.first == null || at.isBefore(acc.first) ? at : acc.first;
            acc.last = acc.last == null || at.isAfter(acc.last) ? at : acc.last;
            if (acc.jobs.size() < 5) {
                acc.jobs.add(row.decision().jobId());
            }
        }
        var groups = new ArrayList<UnclassifiedGroup>();
        byTemplate.forEach((template, a) -> groups.add(new UnclassifiedGroup(template, a.count, a.first, a.last,
                a.example.length() > 300 ? a.example.substring(0, 299) + "…" : a.example, a.exception,
                List.copyOf(a.jobs), a.decision)));
        groups.sort(Comparator.comparingLong(UnclassifiedGroup::count).reversed()
                .thenComparing(UnclassifiedGroup::lastSeen, Comparator.reverseOrder()));
        return groups.size() > limit ? groups.subList(0, limit) : groups;
    }
}
