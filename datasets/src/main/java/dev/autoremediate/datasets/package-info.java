/**
 * Datasets: labelled failure corpora and their loaders ({@link dev.autoremediate.datasets.LabelledErrors}), and
 * builders of realistic failure events ({@link dev.autoremediate.datasets.FailureEvents}) that tests of every
 * module reuse. Job-run histories and the job-platform simulator will live here too.
 */
package dev.autoremediate.datasets;
