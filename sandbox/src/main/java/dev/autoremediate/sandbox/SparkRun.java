package dev.autoremediate.sandbox;

import java.time.Duration;
import java.util.Map;

/**
 * One run of a sandbox job in its child JVM, with Spark's own error text when it failed.
 *
 * @param config         the configuration it ran with
 * @param exitCode       the child JVM's exit code (0 = success)
 * @param exceptionClass the top-level throwable's class, null on success
 * @param message        its message
 * @param stackTrace     its full stack trace, causes included
 * @param logTail        the last lines of the child's stderr (Spark's log and the JVM's "Exception in thread" line)
 * @param duration       wall time of the child JVM, start to exit
 */
public record SparkRun(SparkJob job, Map<String, String> config, int exitCode, String exceptionClass, String message,
        String stackTrace, String logTail, Duration duration) {

    public SparkRun {
        config = Map.copyOf(config);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
