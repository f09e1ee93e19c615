package dev.autoremediate.remediator.app;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.remediator.approval.ApprovalService;
import dev.autoremediate.remediator.approval.JdbcModeStore;
import dev.autoremediate.remediator.approval.ModeStore;
import dev.autoremediate.remediator.audit.AuditTrail;
import dev.autoremediate.remediator.audit.JdbcAuditTrail;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.remediator.review.Dashboard;
import dev.autoremediate.remediator.review.DecisionExplainer;
import dev.autoremediate.remediator.review.DecisionQueries;
import dev.autoremediate.remediator.review.RunOutcomes;
import dev.autoremediate.remediator.review.UnclassifiedFailures;
import dev.autoremediate.remediator.service.FailureDecisionService;
import dev.autoremediate.remediator.service.OutboxPublisher;
import dev.autoremediate.remediator.store.OutcomeStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the review side: modes, audit trail, approvals (also without a web server: the decision service asks the
 * modes), and the read-side queries; the REST controllers ({@code api}) and UI pages ({@code web}) when there is a web
 * server. Seams other features plug into by defining a bean: {@code RuleReloadStatus}, {@code RuleStatistics},
 * {@code RunOutcomes}.
 */
@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {

    @Bean
    AuditTrail auditTrail(DataSource dataSource) {
        return new JdbcAuditTrail(dataSource);
    }

    @Bean
    ModeStore modeStore(DataSource dataSource, Clock clock) {
        return new JdbcModeStore(dataSource, clock);
    }

    @Bean
    ApprovalService approvalService(DataSource dataSource, ContractCodec codec, Clock clock, OutboxPublisher publisher,
            AutoremediateProperties props) {
        var topics = props.kafka().topics();
        return new ApprovalService(dataSource, codec, clock, publisher::publishPending,
                new FailureDecisionService.Topics(topics.decisions(), topics.retryCommands()));
    }

    @Bean
    DecisionQueries decisionQueries(DataSource dataSource, ContractCodec codec) {
        return new DecisionQueries(dataSource, codec);
    }

    /** The outcomes of a run's attempts, from the outcome store (the newest 500 of the job are searched). */
    @Bean
    RunOutcomes runOutcomes(OutcomeStore outcomes) {
        return (jobId, runId) -> outcomes.outcomesOf(jobId, 500).stream().filter(o -> runId.equals(o.runId())).toList();
    }

    @Bean
    DecisionExplainer decisionExplainer(DecisionQueries queries, FailureClassifier classifier, AuditTrail audit,
            RunOutcomes outcomes, ModeStore modes, ContractCodec codec, AutoremediateProperties props) {
        return new DecisionExplainer(queries, classifier, audit, outcomes, modes, codec,
                props.kafka().topics().retryCommands());
    }

    @Bean
    UnclassifiedFailures unclassifiedFailures(DecisionQueries queries, ContractCodec codec) {
        return new UnclassifiedFailures(queries, codec);
    }

    @Bean
    Dashboard dashboard(DecisionQueries queries, ContractCodec codec, Clock clock) {
        return new Dashboard(queries, codec, clock);
    }

    /** The REST API and the UI pages. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @ComponentScan(basePackages = {"dev.autoremediate.remediator.api", "dev.autoremediate.remediator.web"})
    static class Web {
    }
}
