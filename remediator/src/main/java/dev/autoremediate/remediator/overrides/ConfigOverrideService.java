package dev.autoremediate.remediator.overrides;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.ActiveOverride;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.store.DecisionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each job's winning configuration and serves it (the role of Netflix's ConfigService).
 * <ul>
 *   <li>A successful outcome of attempt N of a run whose attempt N-1 was retried by this service, with config changes
 *       on that or an earlier attempt of the run, makes those changes the job's override (added to an active one).
 *       The owner's configuration is the first attempt's. A run that needed no remediation changes nothing.</li>
 *   <li>Every other outcome of a job with an active override goes through {@link OverrideDecay}.</li>
 *   <li>A person may clear an override; who and why are kept.</li>
 * </ul>
 * Idempotent: a remediation is adopted once per run attempt (the history records which one caused each change);
 * for the decay, an outcome already taken into account (the same run attempt, or one finished earlier) changes
 * nothing. Concurrent writers are serialised by the row's version.
 */
public final class ConfigOverrideService {

    private static final Logger log = LoggerFactory.getLogger(ConfigOverrideService.class);
    private static final int MAX_TRIES = 8;
    /** Decisions whose retry command was sent (dry runs and pending approvals were not). */
    private static final Set<DecisionStatus> SENT = EnumSet.of(DecisionStatus.APPLIED, DecisionStatus.SUCCEEDED,
            DecisionStatus.FAILED);

    private final OverrideStore store;
    private final DecisionStore decisions;
    private final ContractCodec codec;
    private final OverrideDecay decay;
    private final Clock clock;

    public ConfigOverrideService(OverrideStore store, DecisionStore decisions, ContractCodec codec,
            OverrideSettings settings, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decay = new OverrideDecay(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes a finished run into account (see the class comment). */
    public void onOutcome(JobOutcome outcome) {
        if (outcome.jobId() == null || outcome.runId() == null) {
            return;
        }
        for (int i = 0; i < MAX_TRIES; i++) {
            if (tryApply(outcome)) {
                return;
            }
        }
        throw new IllegalStateException("the override of job " + outcome.jobId() + " kept changing while outcome "
                + outcome.runId() + " attempt " + outcome.attempt() + " was applied; gave up after " + MAX_TRIES + " tries");
    }

    private boolean tryApply(JobOutcome outcome) {
        Optional<ConfigOverride> existing = store.find(outcome.jobId());
        var mark = new OutcomeMark(outcome.runId(), outcome.attempt(), outcome.finishedAt());
        Instant now = clock.instant();
        Optional<Remediation> remediation = outcome.succeeded() && outcome.attempt() > 1
                ? remediationOf(outcome) : Optional.empty();
        if (remediation.isPresent()) {
            // exactly once, whatever arrived in between: a remediation is never lost to an outcome that overtook it
            if (store.changedBy(outcome.jobId(), outcome.runId(), outcome.attempt())) {
                return true;
            }
            OutcomeMark latest = existing.map(ConfigOverride::lastOutcome)
                    .filter(m -> m.covers(outcome.runId(), outcome.attempt(), outcome.finishedAt()))
                    .orElse(mark);
            return adopt(existing, remediation.get(), outcome, latest, now);
        }
        if (existing.map(ConfigOverride::lastOutcome)
                .filter(m -> m.covers(outcome.runId(), outcome.attempt(), outcome.finishedAt())).isPresent()) {
            return true; // taken into account already, or older than what was: no evidence for the decay
        }
        if (existing.isEmpty() || !existing.get().isActive()) {
            return true; // no override: the owner's configuration stays as it is
        }
        ConfigOverride o = existing.get();
        OverrideDecay.CatchUp catchUp = decay.catchUp(o, outcome);
        ConfigOverride current = o.withOwnerConfig(catchUp.ownerConfig(), catchUp.values());
        OverrideDecay.Result result = current.isActive() ? decay.apply(current, outcome)
                : new OverrideDecay.Result(current.values(), Map.of(), List.of());
        var steps = new ArrayList<>(catchUp.caughtUp());
        steps.addAll(result.steps());
        boolean expired = result.values().isEmpty();
        ConfigOverride next = current.with(expired ? OverrideStatus.DECAYED : OverrideStatus.ACTIVE, result.values(),
                result.streaks(), mark, steps.isEmpty() ? o.updatedAt() : now);
        Optional<OverrideChange> change = Optional.empty();
        if (!steps.isEmpty()) {
            String reason = steps.stream().map(s -> s.key() + " " + s.from() + " -> " + s.to() + ": " + s.why())
                    .collect(Collectors.joining("; "));
            change = Optional.of(new OverrideChange(0, o.jobId(), now, expired ? ChangeKind.EXPIRED : ChangeKind.DECAYED,
                    o.values(), result.values(), null, outcome.runId(), outcome.attempt(), OverrideChange.SERVICE, reason));
            log.info("Override of job {} {} after run {} attempt {}: {}", o.jobId(),
                    expired ? "decayed back to the owner's configuration" : "decayed", outcome.runId(), outcome.attempt(),
                    reason);
        }
        return store.save(next, o.version(), change);
    }

    private boolean adopt(Optional<ConfigOverride> existing, Remediation r, JobOutcome outcome, OutcomeMark mark,
            Instant now) {
        boolean active = existing.map(ConfigOverride::isActive).orElse(false);
        Map<String, String> before = active ? existing.get().values() : Map.of();
        Map<String, String> owner = active ? existing.get().ownerConfig() : r.ownerConfig();
        var values = new TreeMap<>(before);
        values.putAll(r.values());
        values.entrySet().removeIf(e -> e.getValue().equals(owner.get(e.getKey())));
        if (values.isEmpty()) {
            return true;
        }
        var next = new ConfigOverride(outcome.jobId(), OverrideStatus.ACTIVE, values, owner, r.decisionId(),
                outcome.runId(), Map.of(), mark, active ? existing.get().createdAt() : now, now, null, null, null,
                existing.map(ConfigOverride::version).orElse(0L));
        ChangeKind kind = active ? ChangeKind.RAISED : ChangeKind.CREATED;
        String reason = "attempt " + outcome.attempt() + " of run " + outcome.runId() + " succeeded after the retry of "
                + "decision " + r.decisionId() + " with " + r.values() + r.note();
        var change = new OverrideChange(0, outcome.jobId(), now, kind, before, values, r.decisionId(), outcome.runId(),
                outcome.attempt(), OverrideChange.SERVICE, reason);
        boolean saved = store.save(next, existing.map(ConfigOverride::version).orElse(-1L), Optional.of(change));
        if (saved) {
            log.info("Override of job {} {}: {} ({})", outcome.jobId(), kind == ChangeKind.CREATED ? "made" : "raised",
                    values, reason);
        }
        return saved;
    }

    /** The config changes that a successful attempt owes to this service's retries, and the owner's configuration. */
    private record Remediation(String decisionId, Map<String, String> values, Map<String, String> ownerConfig,
            String note) {
    }

    private Optional<Remediation> remediationOf(JobOutcome outcome) {
        List<Decision> run = decisions.findByRun(outcome.runId()).stream()
                .filter(d -> d.attempt() < outcome.attempt() && outcome.jobId().equals(d.jobId()))
                .sorted(Comparator.comparingInt(Decision::attempt))
                .toList();
        boolean retriedJustBefore = run.stream().anyMatch(d -> d.attempt() == outcome.attempt() - 1
                && d.action().type().isRetry() && SENT.contains(d.status()));
        if (!retriedJustBefore) {
            return Optional.empty();
        }
        var values = new TreeMap<String, String>();
        String decisionId = null;
        for (Decision d : run) {
            if (d.action().type() == ActionType.RETRY_WITH_CONFIG && SENT.contains(d.status())
                    && !d.action().configChanges().isEmpty()) {
                d.action().configChanges().forEach((key, change) -> values.put(key, change.to()));
                decisionId = d.decisionId();
            }
        }
        if (decisionId == null) {
            return Optional.empty();
        }
        // what really ran wins over what was asked, when the scheduler reports it
        var differing = new ArrayList<String>();
        values.replaceAll((key, asked) -> {
            String ran = outcome.config().get(key);
            if (ran != null && !ran.equals(asked)) {
                differing.add(key + "=" + ran + " (asked " + asked + ")");
                return ran;
            }
            return asked;
        });
        Map<String, String> owner = decisions.eventJson(run.get(0).decisionId())
                .map(json -> codec.read(json, FailureEvent.class))
                .map(event -> event.job().config())
                .orElse(Map.of());
        String note = differing.isEmpty() ? "" : "; the run reported " + String.join(", ", differing);
        return Optional.of(new Remediation(decisionId, values, owner, note));
    }

    /** The configuration to launch the job's next run with; empty for a job the service never heard of. */
    public Optional<JobConfig> config(String jobId) {
        Optional<ConfigOverride> o = store.find(jobId);
        if (o.isPresent()) {
            return o.map(JobConfig::of);
        }
        return store.latestRunConfig(jobId).map(config -> JobConfig.ownerOnly(jobId, config));
    }

    /** The job's override as a decision records it; empty when none is in effect. */
    public Optional<ActiveOverride> active(String jobId) {
        return store.find(jobId).filter(ConfigOverride::isActive).map(ConfigOverride::asActive);
    }

    public OverrideStore.Page list(OverrideStatus status, int offset, int limit) {
        return store.list(status, offset, limit);
    }

    public List<OverrideChange> history(String jobId, int limit) {
        return store.history(jobId, limit);
    }

    /**
     * Clears the job's override on a person's word: the owner's configuration applies again from the next run.
     *
     * @return the job's configuration afterwards; empty when no override was in effect
     */
    public Optional<JobConfig> clear(String jobId, String by, String reason) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        for (int i = 0; i < MAX_TRIES; i++) {
            Optional<ConfigOverride> existing = store.find(jobId).filter(ConfigOverride::isActive);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            ConfigOverride o = existing.get();
            Instant now = clock.instant();
            var next = new ConfigOverride(o.jobId(), OverrideStatus.CLEARED, Map.of(), o.ownerConfig(),
                    o.sourceDecisionId(), o.sourceRunId(), Map.of(), o.lastOutcome(), o.createdAt(), now, now, by, reason,
                    o.version());
            var change = new OverrideChange(0, jobId, now, ChangeKind.CLEARED, o.values(), Map.of(), null, null, 0, by,
                    reason);
            if (store.save(next, o.version(), Optional.of(change))) {
                log.info("Override of job {} cleared by {}: {} (was {})", jobId, by, reason, o.values());
                return store.find(jobId).map(JobConfig::of);
            }
        }
        throw new IllegalStateException("the override of job " + jobId + " kept changing while it was cleared");
    }
}
