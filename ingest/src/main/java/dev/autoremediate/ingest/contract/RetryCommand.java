package dev.autoremediate.ingest.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks the scheduler to run a failed run again; published on {@code job-retry-commands} (key = jobId).
 * {@code commandId} is stable for a decision, so a scheduler that sees it twice runs the retry once.
 *
 * @param configOverrides    engine configuration to set for the retry (Spark {@code --conf key=value} and the like)
 * @param notebookParameters extension of v1: parameters of a scheduled notebook to set for the retry (Papermill's
 *                           {@code -p name value}), by parameter name; null (and absent from the JSON) when there
 *                           are none. A decision's config change of a key {@value #NOTEBOOK_PARAMETER_PREFIX}{@code
 *                           name} becomes the notebook parameter {@code name} here, not a config override
 */
public record RetryCommand(
        int schemaVersion,
        String commandId,
        String decisionId,
        String jobId,
        String runId,
        int nextAttempt,
        Instant notBefore,
        Map<String, String> configOverrides,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> notebookParameters) {

    /**
     * Config keys with this prefix name notebook parameters: a job reports its run's parameters in
     * {@code job.config} as {@code notebook.parameters.<name>}, and a rule changes one with a step such as
     * {@code notebook.parameters.batch_size*0.5}.
     */
    public static final String NOTEBOOK_PARAMETER_PREFIX = "notebook.parameters.";

    public RetryCommand {
        configOverrides = configOverrides == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(configOverrides));
        notebookParameters = notebookParameters == null || notebookParameters.isEmpty() ? null
                : java.util.Collections.unmodifiableMap(new TreeMap<>(notebookParameters));
    }

    /** A command without notebook parameters (contract v1 as it was). */
    public RetryCommand(int schemaVersion, String commandId, String decisionId, String jobId, String runId,
            int nextAttempt, Instant notBefore, Map<String, String> configOverrides) {
        this(schemaVersion, commandId, decisionId, jobId, runId, nextAttempt, notBefore, configOverrides, null);
    }

    /**
     * Splits a decision's changed values (key to new value) into config overrides and notebook parameters (keys with
     * {@link #NOTEBOOK_PARAMETER_PREFIX}, the prefix removed).
     */
    public static RetryCommand of(int schemaVersion, String commandId, String decisionId, String jobId, String runId,
            int nextAttempt, Instant notBefore, Map<String, String> changedValues) {
        var config = new TreeMap<String, String>();
        var parameters = new TreeMap<String, String>();
        changedValues.forEach((key, value) -> {
            if (key.startsWith(NOTEBOOK_PARAMETER_PREFIX) && key.length() > NOTEBOOK_PARAMETER_PREFIX.length()) {
                parameters.put(key.substring(NOTEBOOK_PARAMETER_PREFIX.length()), value);
            } else {
                config.put(key, value);
            }
        });
        return new RetryCommand(schemaVersion, commandId, decisionId, jobId, runId, nextAttempt, notBefore, config,
                parameters);
    }
}
