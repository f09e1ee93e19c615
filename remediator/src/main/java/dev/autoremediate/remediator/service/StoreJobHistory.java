package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.contract.JobOutcome;
import dev.autoremediate.remediator.policy.JobHistory;
import dev.autoremediate.remediator.store.OutcomeStore;
import java.util.Map;
import java.util.Optional;

/** A job's history as the outcome store knows it: the configuration of its last successful run. */
public final class StoreJobHistory implements JobHistory {

    private final OutcomeStore outcomes;

    public StoreJobHistory(OutcomeStore outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public Optional<Map<String, String>> lastSuccessfulConfig(String jobId) {
        return outcomes.lastSuccess(jobId).map(JobOutcome::config).filter(c -> !c.isEmpty());
    }
}
