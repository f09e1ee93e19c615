package dev.autoremediate.ingest.notebook;

import dev.autoremediate.ingest.contract.Failure;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Papermill's {@code PapermillExecutionError} out of failure text and unwraps the cell's real error.
 *
 * <p>Papermill prints the error as {@code Exception encountered at "In [5]":} followed by the cell's IPython
 * traceback: a header {@code <ename>   Traceback (most recent call last)}, the frames, and {@code <ename>: <evalue>}.
 * Tracebacks taken from the notebook keep IPython's ANSI colour codes; they are stripped. When the cell called Spark
 * through Py4J, the traceback ends in {@code Py4JJavaError: An error occurred while calling o112.saveAsTable.}
 * followed by {@code : org.apache.spark.SparkException: ...} and the JVM stack trace: that JVM exception is the
 * engine error. PySpark 3.4+ re-raises some JVM errors as Python classes ({@code AnalysisException},
 * {@code ParseException} ...; "captured" exceptions): their name and message are the engine error too, with the
 * {@code JVM stacktrace:} section as stack trace when present. Any other cell error is plain Python.
 *
 * <p>The cell: the execution count from {@code In [N]}; the 0-based cell index from a {@code cell_index} field or,
 * in Papermill's own log, from the last {@code Executing Cell N} line (1-based) before the error. Stateless.
 */
public final class PapermillErrors {

    /** CSI sequences (colours, cursor) and two-character escapes. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
    /** Colour codes whose ESC was lost on the way (a log collector dropped control characters). */
    private static final Pattern BARE_COLOUR = Pattern.compile("\\[(?:\\d{1,3};)*\\d{1,3}m");
    private static final Pattern MARKER = Pattern.compile("Exception encountered at \"In \\[\\s*(\\d*|None)\\s*\\]\"");
    private static final Pattern EXECUTING_CELL = Pattern.compile("Executing Cell (\\d+)");
    private static final Pattern CELL_INDEX = Pattern.compile("cell_index\"?'?\\s*[=:]\\s*(\\d+)");
    private static final Pattern HEADER = Pattern.compile("(?m)^(\\S+)\\s+Traceback \\(most recent call last\\)");
    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?m)^((?:[A-Za-z_]\\w*\\.)*[A-Z]\\w*(?:Error|Exception|Exit|Interrupt|Warning|Failure))(?::[ \\t]?(.*))?$");
    /** Py4J prints the Java exception on the line after Py4JJavaError, after a colon. */
    private static final Pattern JAVA_EXCEPTION_LINE = Pattern.compile(
            "(?m)^:\\s*((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*)(?::[ \\t]?(.*))?$");
    private static final Set<String> CAPTURED = Set.of("AnalysisException", "ParseException",
            "IllegalArgumentException", "StreamingQueryException", "QueryExecutionException", "UnknownException",
            "SparkUpgradeException", "ArithmeticException", "ArrayIndexOutOfBoundsException", "DateTimeException",
            "NumberFormatException", "SparkRuntimeException", "SparkNoSuchElementException", "TempTableAlreadyExistsException");

    private PapermillErrors() {
    }

    /** The first Papermill error in the failure's message, stack trace or log tail. */
    public static Optional<PapermillError> find(Failure failure) {
        if (failure == null) {
            return Optional.empty();
        }
        for (String text : new String[] {failure.message(), failure.stackTrace(), failure.logTail()}) {
            Optional<PapermillError> found = find(text);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The Papermill error in a text, if it holds one. */
    public static Optional<PapermillError> find(String text) {
        if (text == null || !(text.contains("Exception encountered at") || text.contains("PapermillExecutionError"))) {
            return Optional.empty();
        }
        String clean = stripAnsi(text);
        Matcher marker = MARKER.matcher(clean);
        int start;
        Integer executionCount = null;
        if (marker.find()) {
            start = marker.end();
            executionCount = parseInt(marker.group(1));
        } else {
            int at = clean.indexOf("PapermillExecutionError");
            if (at < 0) {
                return Optional.empty();
            }
            start = at + "PapermillExecutionError".length();
        }
        Integer cellIndex = cellIndex(clean, start);
        String body = clean.substring(start);

        Matcher header = HEADER.matcher(body);
        String ename = header.find() ? header.group(1) : null;
        int tracebackStart = ename == null ? 0 : header.start();
        Matcher errorLine = errorLine(body, tracebackStart, ename);
        if (errorLine == null) {
            return Optional.empty();
        }
        if (ename == null) {
            ename = errorLine.group(1);
        }
        String evalue = errorLine.group(2) == null ? "" : errorLine.group(2).strip();
        String traceback = body.substring(tracebackStart).strip();
        String after = body.substring(errorLine.end());

        Matcher java = JAVA_EXCEPTION_LINE.matcher(after);
        if (java.find()) {
            String stack = after.substring(java.start()).strip().substring(1).strip();
            String message = java.group(2) == null ? "" : java.group(2).strip();
            return Optional.of(new PapermillError(executionCount, cellIndex, ename, evalue, traceback, java.group(1),
                    message, stack));
        }
        String simpleName = ename.substring(ename.lastIndexOf('.') + 1);
        if (CAPTURED.contains(simpleName) || ename.startsWith("pyspark.errors")
                || body.contains("pyspark/errors/exceptions/captured.py")) {
            String rest = after;
            String jvmStack = null;
            int jvm = rest.indexOf("JVM stacktrace:");
            if (jvm >= 0) {
                jvmStack = rest.substring(jvm + "JVM stacktrace:".length()).strip();
                rest = rest.substring(0, jvm);
            }
            String message = (evalue + "\n" + rest.strip()).strip();
            return Optional.of(new PapermillError(executionCount, cellIndex, ename, evalue, traceback, ename, message,
                    jvmStack == null || jvmStack.isEmpty() ? null : jvmStack));
        }
        return Optional.of(new PapermillError(executionCount, cellIndex, ename, evalue, traceback, null, null, null));
    }

    /**
     * The failure as the rules should see it: when its text holds a Papermill error that wraps an engine error, the
     * engine's exception class, message and stack trace (the log tail keeps only what came before the notebook's
     * traceback); for a plain Python cell error, its name, value and traceback. Otherwise the failure unchanged.
     */
    public static Failure engineFailure(Failure failure) {
        Optional<PapermillError> found = find(failure);
        if (found.isEmpty()) {
            return failure;
        }
        PapermillError error = found.get();
        String logTail = logBefore(failure.logTail());
        if (error.wrapsEngineError()) {
            return new Failure(failure.exitCode(), error.engineExceptionClass(), error.engineMessage(),
                    error.engineStackTrace(), logTail);
        }
        return new Failure(failure.exitCode(), error.ename(), error.evalue(), error.traceback(), logTail);
    }

    /** Removes ANSI escape sequences (and colour codes that lost their ESC). */
    public static String stripAnsi(String text) {
        if (text == null) {
            return null;
        }
        String out = text.indexOf('\u001B') >= 0 ? ANSI.matcher(text).replaceAll("") : text;
        return BARE_COLOUR.matcher(out).replaceAll("");
    }

    /**
     * The cell's error line: the first line at column 0 that names {@code ename} (any exception name when unknown)
     * after the traceback's header. Frames and their code are indented, and the JVM text Py4J appends comes after it.
     */
    private static Matcher errorLine(String body, int headerStart, String ename) {
        int from = ename == null ? headerStart : Math.max(headerStart, body.indexOf('\n', headerStart) + 1);
        Matcher m = ERROR_LINE.matcher(body);
        while (from <= body.length() && m.find(from)) {
            if (ename == null || m.group(1).equals(ename) || m.group(1).endsWith("." + ename)) {
                return m;
            }
            from = m.end() + 1;
        }
        return null;
    }

    private static Integer cellIndex(String clean, int markerEnd) {
        Matcher explicit = CELL_INDEX.matcher(clean);
        if (explicit.find()) {
            return parseInt(explicit.group(1));
        }
        Matcher executing = EXECUTING_CELL.matcher(clean);
        Integer last = null;
        while (executing.find() && executing.start() < markerEnd) {
            last = parseInt(executing.group(1));
        }
        return last == null || last < 1 ? null : last - 1;
    }

    private static String logBefore(String logTail) {
        if (logTail == null) {
            return null;
        }
        String clean = stripAnsi(logTail);
        int at = clean.indexOf("PapermillExecutionError");
        Matcher marker = MARKER.matcher(clean);
        if (marker.find() && (at < 0 || marker.start() < at)) {
            at = marker.start();
        }
        if (at < 0) {
            return logTail;
        }
        // papermill's own CLI traceback (ending in "raise error") leads up to the error: drop it with the rest
        int cliTraceback = clean.lastIndexOf("Traceback (most recent call last)", at);
        if (cliTraceback >= 0 && clean.substring(cliTraceback, at).contains("papermill")) {
            at = cliTraceback;
        }
        String before = clean.substring(0, at).strip();
        return before.isEmpty() ? null : before;
    }

    private static Integer parseInt(String s) {
        if (s == null || s.isBlank() || s.equals("None")) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
