package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.notebook.PapermillErrors;
import java.util.Locale;
import java.util.Set;

/**
 * The one fact a rule pack sees per failure event. Rules match on it in DRL, e.g.
 * {@code FailureFact( text contains "java heap space", engine not in ("flink") )}.
 *
 * <p>No field is ever null: absent text is {@code ""}, and an absent exit code is null only in {@link #exitCode()}
 * (a comparison such as {@code exitCode == 137} is then simply false).
 *
 * @param engine         the job's engine in lower case ({@code spark}, {@code hive}, {@code flink} ...); {@code ""}
 *                       when unknown
 * @param exceptionClass the top-level exception class as reported (case kept)
 * @param message        the error message as reported
 * @param stackTrace     the stack trace as reported (already truncated by ingest when huge)
 * @param logTail        the last lines of the log as reported
 * @param exitCode       exit code of the process or container, null when unknown
 * @param text           exception class, message, stack trace and log tail joined by newlines and lower-cased
 *                       ({@link Locale#ROOT}); what most rules match on, with lower-case literals. At most
 *                       {@link #MAX_TEXT_CHARS} characters: longer text keeps its head and its tail (where the root
 *                       cause of a stack trace usually is), so a huge event cannot make matching slow
 * @param literalsInText the literals of the pack's {@code text contains "..."} constraints that occur in {@code text},
 *                       found in one pass ({@link TextLiterals}); the pack compiles those constraints into calls of
 *                       {@link #textContains(int, String)}, which tests this set
 */
public record FailureFact(
        String engine,
        String exceptionClass,
        String message,
        String stackTrace,
        String logTail,
        Integer exitCode,
        String text,
        Set<String> literalsInText) {

    /** The longest {@link #text()}; ingest already truncates each part to far less. */
    public static final int MAX_TEXT_CHARS = 256 * 1024;

    public FailureFact {
        engine = engine == null ? "" : engine.strip().toLowerCase(Locale.ROOT);
        exceptionClass = orEmpty(exceptionClass);
        message = orEmpty(message);
        stackTrace = orEmpty(stackTrace);
        logTail = orEmpty(logTail);
        text = text == null ? "" : headAndTail(text);
        literalsInText = literalsInText == null ? Set.of()
                : literalsInText instanceof TextLiterals.Found found ? found : Set.copyOf(literalsInText);
    }

    /**
     * Whether {@code literal} is in {@link #literalsInText()}: what a pack compiles {@code text contains "literal"}
     * into, {@code number} being the literal's number in the pack ({@link TextLiterals}). For the literals a pack found,
     * one bit is tested; for any other set, the literal is looked up in it.
     */
    public boolean textContains(int number, String literal) {
        return literalsInText instanceof TextLiterals.Found found ? found.has(number) : literalsInText.contains(literal);
    }

    /** A fact without literals found (for a consequence that inserts one; no {@code text contains} rule matches it). */
    public FailureFact(String engine, String exceptionClass, String message, String stackTrace, String logTail,
            Integer exitCode, String text) {
        this(engine, exceptionClass, message, stackTrace, logTail, exitCode, text, Set.of());
    }

    /** The fact of {@code event} without the literals of a pack (its text as a pack sees it). */
    static FailureFact of(FailureEvent event) {
        return of(event, TextLiterals.NONE);
    }

    /**
     * The fact of a failure event, with the literals of {@code literals} found in its text; {@code text} is built from
     * the failure's text parts. When the failure holds a Papermill error (a scheduled notebook), the fact is built from
     * the cell's error inside it instead (see {@link PapermillErrors#engineFailure}): a Spark exception raised through
     * Py4J is matched as that exception.
     */
    static FailureFact of(FailureEvent event, TextLiterals literals) {
        String engine = event.job() == null ? null : event.job().engine();
        // a notebook run's PapermillExecutionError: match the engine error inside, not the Python wrapper around it
        Failure failure = PapermillErrors.engineFailure(event.failure());
        if (failure == null) {
            return new FailureFact(engine, null, null, null, null, null, null, Set.of());
        }
        String text = headAndTail(failure.allText()).toLowerCase(Locale.ROOT);
        return new FailureFact(engine, failure.exceptionClass(), failure.message(), failure.stackTrace(),
                failure.logTail(), failure.exitCode(), text, literals.foundIn(text));
    }

    private static String headAndTail(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        int half = MAX_TEXT_CHARS / 2;
        return text.substring(0, half) + "\n" + text.substring(text.length() - half);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
