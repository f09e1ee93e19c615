package dev.autoremediate.model.outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits examples by job id, never by row: a job's examples are all in training or all held out. A job is held out
 * when the first byte of the SHA-256 of its id, modulo 5, is 0 (about a fifth of the jobs).
 *
 * @param train the examples of the training jobs
 * @param test  the examples of the held-out jobs
 */
public record OutcomeSplit(List<OutcomeExample> train, List<OutcomeExample> test) {

    public static OutcomeSplit byJob(List<OutcomeExample> examples) {
        var train = new ArrayList<OutcomeExample>();
        var test = new ArrayList<OutcomeExample>();
        for (OutcomeExample e : examples) {
            (heldOut(e.jobId()) ? test : train).add(e);
        }
        return new OutcomeSplit(List.copyOf(train), List.copyOf(test));
    }

    public static boolean heldOut(String jobId) {
        return Integer.parseInt(RetryOutcomeModel.sha256(jobId).substring(0, 2), 16) % 5 == 0;
    }

    /** Jobs whose examples calibrate the model rather than fit it: the second byte of the SHA-256, modulo 5, is 0. */
    public static boolean calibrationJob(String jobId) {
        return Integer.parseInt(RetryOutcomeModel.sha256(jobId).substring(2, 4), 16) % 5 == 0;
    }
}
