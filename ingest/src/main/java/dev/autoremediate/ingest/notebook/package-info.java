/**
 * Scheduled notebooks: {@link dev.autoremediate.ingest.notebook.PapermillErrors} finds a Papermill
 * {@code PapermillExecutionError} in a failure's text, strips the ANSI colours of its traceback and unwraps the
 * cell's real error (often a {@code Py4JJavaError} around a Spark exception), so that rules classify the engine's
 * error and decisions can name the failing cell. Plain Java.
 */
package dev.autoremediate.ingest.notebook;
