package dev.autoremediate.remediator.policy;

import dev.autoremediate.ingest.contract.Action;
import dev.autoremediate.ingest.contract.ActiveOverride;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.Classification;
import dev.autoremediate.ingest.contract.ClassificationSource;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.remediator.pipeline.ClassifiedFailure;
import dev.autoremediate.rules.ActionTemplate;
import dev.autoremediate.rules.RuleMatch;
import dev.autoremediate.tuner.ConfigSearch;
import dev.autoremediate.tuner.CostModel;
import dev.autoremediate.tuner.MemorySize;
import dev.autoremediate.tuner.SuccessEstimator;
import dev.autoremediate.tuner.TuningChoice;
import dev.autoremediate.tuner.TuningRequest;
import dev.autoremediate.tuner.TuningResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns a classified failure into a decision:
 * <ol>
 *   <li>a run whose attempt reached {@code maxAttemptsPerRun} is escalated (the retry budget per run);</li>
 *   <li>an unclassified failure (UNKNOWN) gets one cautious retry per run, then it is escalated;</li>
 *   <li>a matched rule gives the action: a non-retryable rule gives NO_RETRY or ESCALATE, a retryable one RETRY or
 *       RETRY_WITH_CONFIG with the config tuner's changes (or ESCALATE when a guard rail blocks every change). For
 *       Spark memory, Kryo-buffer and broadcast-timeout failures the tuner searches candidate configurations
 *       ({@link ConfigSearch}: the cheapest whose predicted success reaches the policy's bar, sized from the job's
 *       last successful run when the history has it) and the action carries the prediction and the top candidates;
 *       otherwise it applies the rule's steps, with the last successful configuration as a floor;</li>
 *   <li>retries wait with exponential backoff: the rule's base delay (or the policy's) doubled at every further
 *       attempt, capped at {@code maxDelay}.</li>
 * </ol>
 * When the job has a config override in effect ({@link JobHistory#activeOverride}), the decision starts from the
 * effective configuration ({@link #effectiveConfig}): the tuner's changes are computed from it, the reason says so and
 * the action records the override. The decision id is derived from the event id, so deciding the same event twice
 * gives the same id. Decisions come out {@link DecisionStatus#PROPOSED}; the caller sets the status once it acted.
 */
public final class RemediationPolicy {

    private final PolicySettings settings;
    private final ConfigSearch tuner;
    private final Clock clock;

    /** A policy whose config tuner uses its documented heuristics (no outcome model). */
    public RemediationPolicy(PolicySettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /**
     * @param outcomeModel the retry-outcome model the config tuner scores candidates with, or {@code null} for the
     *                     heuristics alone
     */
    public RemediationPolicy(PolicySettings settings, Clock clock, SuccessEstimator outcomeModel) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tuner = new ConfigSearch(settings.guardRails(), settings.successBar(), settings.teamBudgets(), outcomeModel,
                CostModel.DEFAULT);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PolicySettings settings() {
        return settings;
    }

    /**
     * @param priorDecisionsOfRun decisions already taken for earlier attempts of the same run
     * @param tune                whether to compute config changes (false for {@code classify}, which only names
     *                            the action)
     * @param history             the job's past runs, used as a floor for memory changes
     */
    public Decision decide(FailureEvent event, ClassifiedFailure classified, List<Decision> priorDecisionsOfRun,
            boolean tune, JobHistory history) {
        Classification classification = classified.classification();
        Optional<ActiveOverride> override = history.activeOverride(event.job().jobId())
                .filter(o -> !o.values().isEmpty());
        FailureEvent effective = override.map(o -> withConfig(event, effectiveConfig(event.job().config(), o)))
                .orElse(event);
        Action action = action(effective, classified, priorDecisionsOfRun, tune, history);
        if (override.isPresent()) {
            ActiveOverride o = override.get();
            action = new Action(action.type(), action.configChanges(), action.delaySeconds(), action.reason()
                    + "; the job's config override " + o.values() + " (from decision " + o.sourceDecisionId()
                    + ") is in effect and the config changes start from it", action.predictedSuccess(),
                    action.predictedCostChange(), o, action.candidates());
        }
        return new Decision(1, decisionId(event.eventId(), event.occurredAt()), event.eventId(), clock.instant(), event.job().jobId(),
                event.job().runId(), event.job().attempt(), classification, action, DecisionStatus.PROPOSED);
    }

    /**
     * The configuration a run of a job with an override should have used: the run's configuration with the override's
     * values laid over it, except where the run's own value is a larger memory size (the owner raised it since).
     */
    public static Map<String, String> effectiveConfig(Map<String, String> runConfig, ActiveOverride override) {
        var effective = new TreeMap<>(runConfig);
        override.values().forEach((key, value) -> {
            String own = runConfig.get(key);
            if (own == null || !largerSize(own, value)) {
                effective.put(key, value);
            }
        });
        return effective;
    }

    private static boolean largerSize(String a, String b) {
        try {
            return MemorySize.parse(a).isGreaterThan(MemorySize.parse(b));
        } catch (IllegalArgumentException notSizes) {
            return false;
        }
    }

    private static FailureEvent withConfig(FailureEvent event, Map<String, String> config) {
        Job j = event.job();
        return new FailureEvent(event.schemaVersion(), event.eventId(), event.occurredAt(), new Job(j.jobId(), j.runId(),
                j.attempt(), j.engine(), j.engineVersion(), j.owner(), j.scheduler(), j.tier(), config), event.failure(),
                event.metrics());
    }

    /**
     * The stable decision id of an event: the same event id and failure time always give the same id. It is a UUID
     * whose first 48 bits are the failure's time in milliseconds since the epoch (version 8, the layout of RFC 9562's
     * time-ordered UUIDs) and whose other bits are those of the name-based UUID of the event id. So ids sort, as text
     * too, in the order the failures occurred, and a store's index on them grows at its end instead of at a random
     * place per decision: on H2 that halves what a commit rewrites (docs/performance.md). Without a failure time (the
     * contract allows none), the name-based UUID of the event id alone.
     */
    public static String decisionId(String eventId, Instant occurredAt) {
        UUID name = UUID.nameUUIDFromBytes(("decision:" + eventId).getBytes(StandardCharsets.UTF_8));
        if (occurredAt == null) {
            return name.toString();
        }
        long millis = Math.max(0, Math.min(occurredAt.toEpochMilli(), 0xFFFF_FFFF_FFFFL));
        long version8 = 0x8000L;
        return new UUID((millis << 16) | version8 | (name.getMostSignificantBits() & 0x0FFFL),
                name.getLeastSignificantBits()).toString(); // the name-based UUID's variant bits are RFC 9562's already
    }

    /** {@link #decisionId(String, Instant)} of the event's id and failure time. */
    public static String decisionId(FailureEvent event) {
        return decisionId(event.eventId(), event.occurredAt());
    }

    private Action action(FailureEvent event, ClassifiedFailure classified, List<Decision> priors, boolean tune,
            JobHistory history) {
        int attempt = event.job().attempt();
        if (attempt >= settings.maxAttemptsPerRun()) {
            return new Action(ActionType.ESCALATE, Map.of(), 0, "retry budget spent: attempt " + attempt
                    + " failed and the policy allows " + settings.maxAttemptsPerRun() + " attempts per run", null, null);
        }
        if (classified.rule().isEmpty() && classified.classification().source() == ClassificationSource.MODEL) {
            return modelAction(classified.classification(), attempt);
        }
        if (classified.rule().isEmpty()) {
            boolean alreadyRetried = priors.stream().anyMatch(d -> d.classification().category() == FailureCategory.UNKNOWN
                    && d.action().type().isRetry());
            if (alreadyRetried) {
                return new Action(ActionType.ESCALATE, Map.of(), 0,
                        "unclassified failure; its one cautious retry was spent on an earlier attempt of this run", null, null);
            }
            return new Action(ActionType.RETRY, Map.of(), backoff(settings.unknownDelay().toSeconds(), attempt),
                    "unclassified failure: one cautious retry, then escalate", null, null);
        }
        RuleMatch rule = classified.rule().get();
        ActionTemplate template = rule.action();
        if (!rule.retryable() || !template.type().isRetry()) {
            ActionType type = template.type().isRetry() ? ActionType.NO_RETRY : template.type();
            String who = type == ActionType.ESCALATE ? "escalated to on-call" : "not retried; the owner must fix it";
            return new Action(type, Map.of(), 0, rule.category() + " (" + rule.ruleId() + ") is not retryable: " + who,
                    null, null);
        }
        long baseDelay = template.baseDelaySeconds() > 0 ? template.baseDelaySeconds() : settings.baseDelay().toSeconds();
        long delay = backoff(baseDelay, attempt);
        if (template.type() == ActionType.RETRY || template.steps().isEmpty()) {
            return new Action(ActionType.RETRY, Map.of(), delay, "retry " + rule.category() + " (" + rule.ruleId()
                    + ") with the same configuration", null, null);
        }
        String steps = String.join(", ", template.steps().stream().map(Object::toString).toList());
        if (!tune) {
            return new Action(ActionType.RETRY_WITH_CONFIG, Map.of(), delay, "retry " + rule.category() + " ("
                    + rule.ruleId() + ") with " + steps + "; run `decide` for the concrete values", null, null);
        }
        TuningChoice choice = tuner.choose(TuningRequest.of(event, rule.category(),
                history.lastSuccess(event.job().jobId()), template.steps()));
        TuningResult tuning = choice.result();
        boolean searched = choice.predictedSuccess() != null;
        if (tuning.blocked()) {
            return new Action(ActionType.ESCALATE, Map.of(), 0, rule.category() + " (" + rule.ruleId()
                    + ") needs " + (searched ? "a config change" : steps) + " but a guard rail stops it: "
                    + tuning.blockedReason(), null, null);
        }
        Map<String, ConfigChange> changes = new TreeMap<>(tuning.changes());
        // the search sizes from the job's last successful run itself; the rule's steps take it as a floor
        String floorNote = searched ? "" : applyHistoryFloor(event, changes, history);
        if (changes.isEmpty()) {
            return new Action(ActionType.RETRY, Map.of(), delay, "retry " + rule.category() + " (" + rule.ruleId()
                    + "); the tuner changed nothing: " + String.join("; ", tuning.notes()), null, null);
        }
        String notes = tuning.notes().isEmpty() ? "" : " (" + String.join("; ", tuning.notes()) + ")";
        String how = searched ? choice.method() : steps;
        return new Action(ActionType.RETRY_WITH_CONFIG, changes, delay, "retry " + rule.category() + " ("
                + rule.ruleId() + ") with " + how + notes + floorNote, choice.predictedSuccess(),
                choice.predictedCostChange(), choice.candidates());
    }

    /**
     * The action for a category the model named (no rule matched): a plain retry with backoff when the category is
     * usually retryable (the model proposes no config change), else escalation (PERMISSION, DISK_SPACE) or no retry.
     */
    private Action modelAction(Classification c, int attempt) {
        String who = String.format(java.util.Locale.ROOT, "model %s, %.2f", c.modelVersion(), c.confidence());
        if (Boolean.TRUE.equals(c.retryable())) {
            return new Action(ActionType.RETRY, Map.of(), backoff(settings.baseDelay().toSeconds(), attempt),
                    "retry " + c.category() + " (" + who + ") with the same configuration", null, null);
        }
        ActionType type = c.category() == FailureCategory.PERMISSION || c.category() == FailureCategory.DISK_SPACE
                ? ActionType.ESCALATE : ActionType.NO_RETRY;
        String what = type == ActionType.ESCALATE ? "escalated to on-call" : "not retried; the owner must fix it";
        return new Action(type, Map.of(), 0, c.category() + " (" + who + ") is not retryable: " + what, null, null);
    }

    /** Where the job's last successful run used more memory than the tuner proposes, use that instead. */
    private String applyHistoryFloor(FailureEvent event, Map<String, ConfigChange> changes, JobHistory history) {
        var lastSuccess = history.lastSuccessfulConfig(event.job().jobId());
        if (lastSuccess.isEmpty()) {
            return "";
        }
        var raised = new StringBuilder();
        for (var entry : changes.entrySet()) {
            String known = lastSuccess.get().get(entry.getKey());
            if (known == null) {
                continue;
            }
            try {
                MemorySize proposed = MemorySize.parse(entry.getValue().to());
                MemorySize succeeded = MemorySize.parse(known);
                if (succeeded.compareTo(proposed) > 0) {
                    entry.setValue(new ConfigChange(entry.getValue().from(), succeeded.toSparkString()));
                    raised.append(raised.isEmpty() ? "" : ", ").append(entry.getKey()).append('=').append(known);
                }
            } catch (IllegalArgumentException notAMemorySize) {
                // only memory sizes have a floor
            }
        }
        return raised.isEmpty() ? "" : "; raised to the job's last successful run: " + raised;
    }

    private long backoff(long baseSeconds, int attempt) {
        long cap = settings.maxDelay().toSeconds();
        int doublings = Math.min(Math.max(0, attempt - 1), 30);
        long delay = baseSeconds << doublings;
        return Math.min(delay < 0 ? cap : delay, cap);
    }
}
