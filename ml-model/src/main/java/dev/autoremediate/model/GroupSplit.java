package dev.autoremediate.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * Assigns training examples to folds by their job id, never by row: every example of one job (and so every
 * paraphrase of one generated failure) lands in the same fold. The fold of a job is a SHA-256 of the seed and the job
 * id, so it is stable across runs, machines and orderings of the data.
 *
 * @param folds how many folds (at least 2)
 * @param seed  mixed into the hash; another seed gives another, equally stable, assignment
 */
public record GroupSplit(int folds, long seed) {

    public GroupSplit {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
    }

    /** The job id that groups an example: its event's {@code job.jobId}, or its event id when there is no job. */
    public static String groupOf(TrainingExample example) {
        var job = example.event().job();
        return job != null && job.jobId() != null ? job.jobId() : Objects.toString(example.event().eventId(), "");
    }

    /** The fold, 0 to {@code folds - 1}, of a job id. */
    public int foldOf(String jobId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + "\n" + jobId).getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 24) | ((h[1] & 0xffL) << 16) | ((h[2] & 0xffL) << 8) | (h[3] & 0xffL);
            return (int) (v % folds);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The examples of fold {@code fold} ({@code held = true}) or of all other folds, in their original order. */
    public List<TrainingExample> select(List<TrainingExample> examples, int fold, boolean held) {
        return examples.stream().filter(e -> (foldOf(groupOf(e)) == fold) == held).toList();
    }
}
