package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.approval.GuardControls;
import dev.autoremediate.remediator.approval.ModeStore;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.enrichment.EventEnricher;
import dev.autoremediate.remediator.overrides.ConfigOverrideService;
import dev.autoremediate.remediator.overrides.OverrideSettings;
import dev.autoremediate.remediator.overrides.OverrideStore;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.policy.AutomaticActionGuard;
import dev.autoremediate.remediator.policy.BreakerTrip;
import dev.autoremediate.remediator.policy.PolicySettings;
import dev.autoremediate.remediator.policy.RemediationPolicy;
import dev.autoremediate.remediator.service.DecisionObserver;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.service.OutboxPublisher;
import dev.autoremediate.remediator.service.OutcomeService;
import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.service.StoreJobHistory;
import dev.autoremediate.remediator.store.DecisionStore;
import dev.autoremediate.remediator.store.JdbcBreakerTrip;
import dev.autoremediate.remediator.store.JdbcDecisionStore;
import dev.autoremediate.remediator.store.JdbcGuardPause;
import dev.autoremediate.remediator.store.JdbcOutcomeStore;
import dev.autoremediate.remediator.store.JdbcRateBudget;
import dev.autoremediate.remediator.store.OutcomeStore;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.tuner.GuardRails;
import dev.autoremediate.model.outcome.RetryOutcomeModel;
import dev.autoremediate.tuner.MemorySize;
import dev.autoremediate.tuner.ModelEstimator;
import dev.autoremediate.tuner.SuccessEstimator;
import dev.autoremediate.tuner.TeamBudgets;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Wiring of the decision path: codec, rule pack, classifier, policy, store, and the service that ties them. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PipelineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PipelineConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ContractCodec contractCodec() {
        return new ContractCodec();
    }

    @Bean
    RulePack rulePack(AutoremediateProperties props) {
        var dir = props.rules().dir();
        RulePack pack = dir == null ? RulePack.bundled() : RulePack.fromDirectory(dir);
        log.info("Rule pack {} with {} rules ({})", pack.version(), pack.rules().size(),
                dir == null ? "bundled" : dir.toAbsolutePath());
        return pack;
    }

    @Bean
    ClassifierModel classifierModel(AutoremediateProperties props) {
        return ClassifierModel.load(props.model());
    }

    @Bean
    FailureClassifier failureClassifier(RulePack rulePack, ClassifierModel classifierModel) {
        return new FailureClassifier(rulePack, classifierModel.fallback());
    }

    @Bean
    ModelHealthIndicator modelHealthIndicator(ClassifierModel classifierModel) {
        return new ModelHealthIndicator(classifierModel);
    }

    @Bean
    RemediationPolicy remediationPolicy(AutoremediateProperties props, Clock clock) {
        return new RemediationPolicy(policySettings(props.policy()), clock, outcomeModel(props.policy().outcomeModel()));
    }

    static PolicySettings policySettings(AutoremediateProperties.Policy p) {
        var rails = new GuardRails(MemorySize.parse(p.maxContainerMemory()).mebibytes(), p.maxStepFactor(),
                MemorySize.parse(p.maxDriverMemory()).mebibytes());
        return new PolicySettings(p.maxAttemptsPerRun(), p.baseDelay(), p.maxDelay(), p.unknownDelay(), p.dryRun(), rails,
                p.successBar(), new TeamBudgets(p.retryBudgetGbHours(), p.teamRetryBudgetGbHours()));
    }

    /** The retry-outcome model the tuner scores candidates with; {@code null} for the heuristics alone. */
    static SuccessEstimator outcomeModel(String setting) {
        if (setting == null || setting.isBlank() || setting.equals("bundled")) {
            RetryOutcomeModel model = RetryOutcomeModel.bundled();
            log.info("Retry-outcome model {} (bundled)", model.version());
            return new ModelEstimator(model);
        }
        if (setting.equals("none")) {
            log.info("No retry-outcome model: the config tuner uses its heuristics");
            return null;
        }
        try {
            RetryOutcomeModel model = RetryOutcomeModel.load(java.nio.file.Path.of(setting));
            log.info("Retry-outcome model {} ({})", model.version(), setting);
            return new ModelEstimator(model);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("autoremediate.policy.outcome-model: cannot read " + setting + ": " + e, e);
        }
    }

    @Bean
    DecisionStore decisionStore(DataSource dataSource, ContractCodec codec, Clock clock) {
        return new JdbcDecisionStore(dataSource, codec, clock);
    }

    @Bean
    OutcomeStore outcomeStore(DataSource dataSource, ContractCodec codec, Clock clock) {
        return new JdbcOutcomeStore(dataSource, codec, clock);
    }

    @Bean
    JobHistory jobHistory(OutcomeStore outcomes, OverrideStore overrides, OverrideSettings overrideSettings) {
        return new StoreJobHistory(outcomes, overrides, overrideSettings.historyRuns());
    }

    @Bean
    OutcomeService outcomeService(OutcomeStore outcomes, DecisionStore decisions, ConfigOverrideService overrides,
            AutomaticActionGuard guard) {
        return new OutcomeService(outcomes, decisions, overrides, guard);
    }

    @Bean
    AutomaticActionGuard automaticActionGuard(AutoremediateProperties props, Clock clock, DataSource dataSource,
            PublisherLease publisherLease) {
        var rate = props.policy().rateLimit();
        var breaker = props.policy().circuitBreaker();
        // shared by every instance on the store: the rate limit's permits (its limit and period are the settings',
        // given once) and the trip of a circuit breaker (each instance's breaker judges the outcomes it consumes);
        // an instance is named by the id of its outbox publisher lease. On a store that one process only can open
        // (embedded H2: no lease either), there is no other instance to hold: no trip is written or read
        return new AutomaticActionGuard(new AutomaticActionGuard.Settings(rate.enabled(), rate.limitForPeriod(),
                rate.refreshPeriod(), breaker.enabled(), breaker.failureRateThreshold(), breaker.slidingWindowSize(),
                breaker.minimumCalls(), breaker.waitInOpen(), breaker.permittedInHalfOpen()), clock,
                (limit, period, budgetClock) -> new JdbcRateBudget(dataSource, JdbcRateBudget.AUTOMATIC_RETRIES, limit,
                        period, budgetClock),
                publisherLease.inStore()
                        ? new JdbcBreakerTrip(dataSource, JdbcBreakerTrip.AUTOMATIC_RETRIES, publisherLease.holderId())
                        : BreakerTrip.NONE,
                // on-call's manual pause, in the store to survive a restart: checked by the trip's statement when
                // shared, else read once and kept in memory (this process is its only writer)
                new JdbcGuardPause(dataSource));
    }

    /** On-call's controls of the guard (API and review UI), audited. */
    @Bean
    GuardControls guardControls(AutomaticActionGuard guard, AuditTrail audit, Clock clock) {
        return new GuardControls(guard, audit, clock);
    }

    @Bean
    FailureDecisionService failureDecisionService(FailureClassifier classifier, RemediationPolicy policy,
            DecisionStore store, OutboxPublisher publisher, ContractCodec codec, AutoremediateProperties props,
            JobHistory history, EventEnricher enricher, ModeStore modes, ObjectProvider<DecisionObserver> observers,
            AutomaticActionGuard guard) {
        var topics = props.kafka().topics();
        return new FailureDecisionService(classifier, policy, store, publisher, codec,
                new FailureDecisionService.Topics(topics.decisions(), topics.retryCommands()), history, enricher, modes,
                observers.orderedStream().toList(), guard, props.kafka().decisionsPerTransaction());
    }

    @Bean
    OutboxSweeper outboxSweeper(OutboxPublisher publisher) {
        return new OutboxSweeper(publisher);
    }

    /** Publishes outbox messages that could not be sent right after their decision. */
    static final class OutboxSweeper {
        private final OutboxPublisher publisher;

        OutboxSweeper(OutboxPublisher publisher) {
            this.publisher = publisher;
        }

        @Scheduled(initialDelayString = "${autoremediate.outbox.sweep-interval:5s}",
                fixedDelayString = "${autoremediate.outbox.sweep-interval:5s}")
        void sweep() {
            publisher.sweep();
        }
    }
}
