/**
 * A local Spark sandbox: a handful of real Spark jobs ({@link dev.autoremediate.sandbox.SparkJob}) that really fail
 * under their initial configuration — driver out of memory, {@code spark.driver.maxResultSize} exceeded, Kryo buffer
 * overflow, broadcast timeout, table not found — and that {@link dev.autoremediate.sandbox.SparkSandbox} runs in a
 * child JVM each (local mode; the JVM's heap is the driver memory, so memory settings are real). The result of a
 * run ({@link dev.autoremediate.sandbox.SparkRun}) carries Spark's own error text: exception class, message, stack
 * trace, log tail and exit code. Only {@link dev.autoremediate.sandbox.SparkJobMain}, which runs in the child, uses
 * Spark; the launcher is plain Java.
 */
package dev.autoremediate.sandbox;
