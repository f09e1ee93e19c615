package dev.autoremediate.ingest.notebook;

/**
 * The error of a notebook cell that Papermill reported as a {@code PapermillExecutionError}.
 *
 * @param executionCount       the cell's execution count ({@code In [5]}), null when Papermill printed none
 * @param cellIndex            the cell's 0-based index in the notebook, null unless the text says it (Papermill's
 *                             {@code Executing Cell N} log lines, which count from 1, or a {@code cell_index} field)
 * @param ename                the Python exception name of the cell's error, e.g. {@code Py4JJavaError}
 * @param evalue               its value (message), first line
 * @param traceback            the cell's traceback without ANSI colour codes
 * @param engineExceptionClass the engine's exception inside, e.g. {@code org.apache.spark.SparkException}; null when
 *                             the cell's error is plain Python
 * @param engineMessage        the engine exception's message; null with {@code engineExceptionClass}
 * @param engineStackTrace     the engine's stack trace (JVM frames and causes); null when there is none
 */
public record PapermillError(
        Integer executionCount,
        Integer cellIndex,
        String ename,
        String evalue,
        String traceback,
        String engineExceptionClass,
        String engineMessage,
        String engineStackTrace) {

    /** True when the cell's error wraps an engine (JVM) error. */
    public boolean wrapsEngineError() {
        return engineExceptionClass != null;
    }

    /** Names the failing cell for a person: {@code cell 12 (In [5])}, {@code cell In [5]} or {@code an unnumbered cell}. */
    public String cell() {
        String count = executionCount == null ? null : "In [" + executionCount + "]";
        if (cellIndex != null) {
            return "cell " + cellIndex + (count == null ? "" : " (" + count + ")");
        }
        return count == null ? "an unnumbered cell" : "cell " + count;
    }

    /** One line for a decision: which cell failed with what. */
    public String describe() {
        String what = ename == null ? "an error" : ename;
        if (wrapsEngineError() && !engineExceptionClass.equals(ename)) {
            what += " wrapping " + engineExceptionClass;
        }
        return "notebook " + cell() + " failed with " + what;
    }
}
