package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.approval.ModeResolver;
import dev.autoremediate.remediator.audit.AuditEntry;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.review.DecisionDetail.ConfigDiffRow;
import dev.autoremediate.remediator.review.DecisionDetail.MatchedRule;
import dev.autoremediate.remediator.review.DecisionDetail.ModelScores;
import dev.autoremediate.remediator.review.DecisionDetail.TimelineEntry;
import dev.autoremediate.remediator.store.OutboxMessage;
import dev.autoremediate.rules.RuleInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Assembles a {@link DecisionDetail} from the store, the current rule pack, the audit trail and the outcomes. */
public final class DecisionExplainer {

    private final DecisionQueries queries;
    private final FailureClassifier classifier;
    private final AuditTrail audit;
    private final RunOutcomes outcomes;
    private final ModeResolver modes;
    private final ContractCodec codec;
    private final String retryCommandsTopic;

    public DecisionExplainer(DecisionQueries queries, FailureClassifier classifier, AuditTrail audit,
            RunOutcomes outcomes, ModeResolver modes, ContractCodec codec, String retryCommandsTopic) {
        this.queries = queries;
        this.classifier = classifier;
        this.audit = audit;
        this.outcomes = outcomes;
        this.modes = modes;
        this.codec = codec;
        this.retryCommandsTopic = retryCommandsTopic;
    }

    public Optional<DecisionDetail> explain(String decisionId) {
        return queries.find(decisionId).map(this::explain);
    }

    private DecisionDetail explain(StoredRow row) {
        Decision d = row.decision();
        FailureEvent event = parse(row.eventJson());
        var pack = classifier.pack();
        Map<String, RuleInfo> rules = pack.rules().stream()
                .collect(Collectors.toMap(RuleInfo::ruleId, Function.identity(), (a, b) -> a));
        var c = d.classification();
        var matched = new ArrayList<MatchedRule>();
        List<String> ids = new ArrayList<>(c.matchedRules());
        if (c.ruleId() != null && !ids.contains(c.ruleId())) {
            ids.add(0, c.ruleId());
        }
        for (String id : ids) {
            RuleInfo r = rules.get(id);
            boolean deciding = id.equals(c.ruleId());
            matched.add(r == null ? new MatchedRule(id, deciding, false, null, null, null, null, null, null)
                    : new MatchedRule(id, deciding, true, r.ruleName(), r.category(), r.confidence(), r.retryable(),
                            r.description(), r.file()));
        }
        ModelScores model = c.source() == ClassificationSource.MODEL || c.modelVersion() != null
                || d.action().predictedSuccess() != null || d.action().predictedCostChange() != null
                ? new ModelScores(c.source(), c.modelVersion(), c.source() == ClassificationSource.MODEL ? c.confidence() : null,
                        d.action().predictedSuccess(), d.action().predictedCostChange())
                : null;
        Map<String, String> before = event == null ? Map.of() : event.job().config();
        var diff = new ArrayList<ConfigDiffRow>();
        d.action().configChanges().forEach((key, change) -> diff.add(new ConfigDiffRow(key,
                change.from() != null ? change.from() : before.get(key), change.to())));
        List<AuditEntry> trail = audit.forTarget("DECISION", d.decisionId());
        var links = new LinkedHashMap<String, String>();
        links.put("self", "/api/v1/decisions/" + d.decisionId());
        links.put("configOverrides", "/api/v1/jobs/" + URLEncoder.encode(d.jobId(), StandardCharsets.UTF_8) + "/config");
        links.put("decisionsOfJob", "/api/v1/decisions?jobId=" + URLEncoder.encode(d.jobId(), StandardCharsets.UTF_8));
        return new DecisionDetail(d, row.owner(), event, matched, pack.version(), model, diff, timeline(d),
                trail, modes.modeFor(d.jobId(), row.owner(), c.category()), links);
    }

    /** The whole run, not only this decision: earlier and later attempts, their commands and outcomes. */
    private List<TimelineEntry> timeline(Decision focus) {
        var entries = new ArrayList<TimelineEntry>();
        for (StoredRow row : queries.ofRun(focus.runId())) {
            Decision d = row.decision();
            FailureEvent e = parse(row.eventJson());
            if (e != null && e.occurredAt() != null) {
                String what = e.failure() == null || e.failure().message() == null ? "failed"
                        : "failed: " + firstLine(e.failure().message());
                entries.add(new TimelineEntry(e.occurredAt(), d.attempt(), "FAILED", "attempt " + d.attempt() + " " + what,
                        null));
            }
            var c = d.classification();
            String by = c.ruleId() != null ? "rule " + c.ruleId() : c.modelVersion() != null ? "model " + c.modelVersion()
                    : "no rule (" + c.source() + ")";
            entries.add(new TimelineEntry(d.decidedAt(), d.attempt(), "DECIDED", c.category() + " by " + by + " → "
                    + d.action().type() + (d.decisionId().equals(focus.decisionId()) ? " (this decision)" : "")
                    + "; now " + d.status(), null));
            for (AuditEntry a : audit.forTarget("DECISION", d.decisionId())) {
                String verb = switch (a.action()) {
                    case "APPROVE" -> "approved";
                    case "REJECT" -> "rejected";
                    default -> a.action().toLowerCase(java.util.Locale.ROOT);
                };
                entries.add(new TimelineEntry(a.at(), d.attempt(), a.action(), verb + " by " + a.actor()
                        + (a.comment().isEmpty() ? "" : ": “" + a.comment() + "”")
                        + (a.details() == null ? "" : " (" + a.details() + ")"), a.actor()));
            }
            for (OutboxMessage m : queries.outboxOf(d.decisionId())) {
                if (!m.topic().equals(retryCommandsTopic)) {
                    continue;
                }
                boolean cleared = m.payload().isEmpty();
                RetryCommand cmd = cleared ? null : parseCommand(m.payload());
                String text = cleared
                        ? "retry command (its payload was cleared after autoremediate.outbox.retention)"
                        : "retry command for attempt " + (cmd == null ? "?" : cmd.nextAttempt())
                        + (cmd == null || cmd.configOverrides().isEmpty() ? "" : " with " + cmd.configOverrides())
                        + (cmd == null || cmd.notBefore() == null ? "" : ", not before " + cmd.notBefore());
                entries.add(m.publishedAt() != null
                        ? new TimelineEntry(m.publishedAt(), d.attempt(), "COMMAND_SENT", text + " sent to " + m.topic(), null)
                        : new TimelineEntry(m.createdAt(), d.attempt(), "COMMAND_WAITING", text + " waiting to be sent", null));
            }
        }
        for (JobOutcome o : outcomes.ofRun(focus.jobId(), focus.runId())) {
            entries.add(new TimelineEntry(o.finishedAt() == null ? Instant.EPOCH : o.finishedAt(), o.attempt(),
                    o.succeeded() ? "OUTCOME_SUCCEEDED" : "OUTCOME_FAILED",
                    "attempt " + o.attempt() + (o.succeeded() ? " succeeded" : " failed") + " (reported by the scheduler)",
                    null));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).thenComparingInt(TimelineEntry::attempt));
        return entries;
    }

    private FailureEvent parse(String json) {
        try {
            return json == null ? null : codec.read(json, FailureEvent.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RetryCommand parseCommand(String json) {
        try {
            return codec.read(json, RetryCommand.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 159) + "…" : line;
    }
}
