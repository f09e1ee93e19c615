/**
 * The retry-outcome model: P(success of a retry) given the failed run's facts (input, shuffle, spill, peak memory,
 * duration, engine), its failure category, a candidate configuration (executor memory, overhead, cores, driver
 * memory, maxResultSize, partitions, Kryo buffer, broadcast timeout) and the job's last successful run.
 *
 * <p>{@link dev.autoremediate.model.outcome.RetryOutcomeTrainer} trains Tribuo's logistic regression on
 * {@link dev.autoremediate.model.outcome.OutcomeExample}s (from the job-platform simulator's histories, or recorded
 * JobOutcome + FailureEvent pairs); {@link dev.autoremediate.model.outcome.RetryOutcomeModel} predicts and loads the
 * bundled artifact; {@link dev.autoremediate.model.outcome.OutcomeEvaluation} gives log-loss, AUC and a reliability
 * table on examples held out by job id.
 */
package dev.autoremediate.model.outcome;
