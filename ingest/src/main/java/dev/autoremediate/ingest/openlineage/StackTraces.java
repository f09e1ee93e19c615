package dev.autoremediate.ingest.openlineage;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the exception class in the text of a stack trace as the JVM or Python print it. */
final class StackTraces {

    /** {@code org.apache.spark.SparkException: Job aborted ...}, optionally after {@code Exception in thread "main"}. */
    private static final Pattern JAVA_HEAD = Pattern.compile(
            "^(?:Exception in thread \"[^\"]*\"\\s+)?((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*)(?::.*)?$");

    /** The last line of a Python traceback: {@code ValueError: ...} or {@code pyspark.errors...AnalysisException: ...}. */
    private static final Pattern PYTHON_TAIL = Pattern.compile(
            "^((?:[A-Za-z_]\\w*\\.)*[A-Z]\\w*(?:Error|Exception|Exit|Interrupt|Warning|Failure))(?::.*)?$");

    private StackTraces() {
    }

    /**
     * The exception class named by a stack trace: the first line of a JVM trace, the last exception line of a Python
     * traceback: the first exception line after the frames of its last {@code Traceback} (chosen by
     * {@code programmingLanguage} when given, else by the shape of the text).
     */
    static Optional<String> exceptionClass(String stackTrace, String programmingLanguage) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return Optional.empty();
        }
        String language = programmingLanguage == null ? "" : programmingLanguage.toLowerCase(Locale.ROOT);
        String[] lines = stackTrace.strip().split("\\R");
        boolean python = language.startsWith("python") || lines[0].startsWith("Traceback (most recent call last)");
        if (python) {
            // the exception line follows the frames of the last traceback; its value may span lines after it
            int last = -1;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith("Traceback (most recent call last)")) {
                    last = i;
                }
            }
            for (int i = last + 1; last >= 0 && i < lines.length; i++) {
                Matcher m = PYTHON_TAIL.matcher(lines[i]);
                if (m.matches()) {
                    return Optional.of(m.group(1));
                }
            }
            for (int i = lines.length - 1; i >= 0; i--) {
                Matcher m = PYTHON_TAIL.matcher(lines[i].strip());
                if (m.matches()) {
                    return Optional.of(m.group(1));
                }
            }
            return Optional.empty();
        }
        Matcher m = JAVA_HEAD.matcher(lines[0].strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
