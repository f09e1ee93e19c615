package dev.autoremediate.datasets;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.Job;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One labelled error message of a corpus (format of {@code corpora/README.md}).
 *
 * @param id                 stable id; its prefix names engine and platform ({@code spark-k8s-012})
 * @param engine             spark, hadoop, hive or flink
 * @param message            the error text as posted
 * @param category           the label
 * @param retryable          the label's retryable flag
 * @param plainRetrySucceeds whether a retry with the same configuration would likely pass
 * @param remediation        what fixed it, in a few words
 * @param source             where it was posted
 */
public record LabelledError(
        String id,
        String engine,
        String message,
        FailureCategory category,
        boolean retryable,
        boolean plainRetrySucceeds,
        String remediation,
        String source) {

    private static final Pattern EXCEPTION_CLASS =
            Pattern.compile("\\b((?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Failure|Throwable))\\b");
    private static final Pattern EXIT_CODE = Pattern.compile("(?i)exit(?:ed with)? ?(?:code|status)[ :=]*(-?\\d{1,3})\\b");

    public LabelledError {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(category, "category");
    }

    /**
     * The failure event a scheduler would have sent for this error: the whole text as the message, the first
     * fully qualified exception class it names, the exit code it mentions. Attempt 1, a fixed time, no metrics.
     */
    public FailureEvent toFailureEvent() {
        Matcher ex = EXCEPTION_CLASS.matcher(message);
        Matcher exit = EXIT_CODE.matcher(message);
        Integer exitCode = exit.find() ? Integer.valueOf(exit.group(1)) : null;
        String engineName = engine == null ? "spark" : engine.toLowerCase(Locale.ROOT);
        var job = new Job("corpus." + id, "corpus." + id + "/1", 1, engineName, null, "corpus", null, 2, Map.of());
        var failure = new Failure(exitCode, ex.find() ? ex.group(1) : null, message, null, null);
        return new FailureEvent(FailureEvent.SCHEMA_VERSION, "corpus-" + id, Instant.parse("2026-11-01T00:00:00Z"), job,
                failure, null);
    }
}
