/**
 * Failure classification with Tribuo: features of a failure event, a trained model, its artifact.
 *
 * <p>{@link dev.autoremediate.model.FailureFeatures} turns a {@code FailureEvent} into named features;
 * {@link dev.autoremediate.model.FailureClassifierTrainer} trains a logistic-regression
 * {@link dev.autoremediate.model.FailureClassifier} on {@link dev.autoremediate.model.TrainingExample}s with a fixed
 * seed; the classifier answers a {@link dev.autoremediate.model.ModelPrediction} (category, probability, model
 * version) and saves and loads itself as a Tribuo protobuf file whose provenance names trainer, data and feature
 * version.
 *
 * <p>Plain Java: no Spring, no static state.
 */
package dev.autoremediate.model;
