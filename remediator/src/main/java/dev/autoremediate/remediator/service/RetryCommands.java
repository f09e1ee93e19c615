package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.RetryCommand;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The retry command of a retry decision. Its id derives from the decision id, so a command sent for the same decision
 * twice (a retried publish, an approval of a decision that was held back) is recognisably the same command.
 */
public final class RetryCommands {

    private RetryCommands() {
    }

    /** The stable command id of a decision's retry. */
    public static String commandId(String decisionId) {
        return UUID.nameUUIDFromBytes(("retry:" + decisionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The command for the next attempt of the decision's run, with the decision's config changes as overrides. */
    public static RetryCommand of(Decision decision, Instant notBefore) {
        var overrides = new TreeMap<String, String>();
        decision.action().configChanges().forEach((key, change) -> overrides.put(key, change.to()));
        // notebook.parameters.* changes travel as notebook parameters (Papermill -p), the rest as config overrides
        return RetryCommand.of(1, commandId(decision.decisionId()), decision.decisionId(), decision.jobId(),
                decision.runId(), decision.attempt() + 1, notBefore, overrides);
    }

    /** Not before the decision's delay has passed since it was decided. */
    public static RetryCommand of(Decision decision) {
        return of(decision, decision.decidedAt().plusSeconds(decision.action().delaySeconds()));
    }
}
