package dev.autoremediate.remediator.scheduler;

import dev.autoremediate.ingest.contract.Job;
import dev.autoremediate.ingest.contract.RetryCommand;
import java.time.Instant;
import java.util.Map;

/** Retry requests as the service builds them, for the adapter tests. */
final class Requests {

    static final String COMMAND_ID = "0b6a3f4e-8a7c-3c55-9f0e-5b2d4c1e7a90";
    static final String DECISION_ID = "5d1e9c2a-7b3f-3a11-8e4d-2c6b0a9f1e37";

    private Requests() {
    }

    static RetryRequest retry(String scheduler, String jobId, String runId, Map<String, String> overrides) {
        var command = new RetryCommand(1, COMMAND_ID, DECISION_ID, jobId, runId, 2,
                Instant.parse("2026-11-22T10:16:30Z"), overrides);
        var job = new Job(jobId, runId, 1, "spark", "3.5.7", "team-playback", scheduler, 2,
                Map.of("spark.executor.memory", "8g"));
        return new RetryRequest(command, job);
    }
}
