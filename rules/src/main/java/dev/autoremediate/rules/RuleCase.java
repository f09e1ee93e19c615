package dev.autoremediate.rules;

import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.time.Instant;
import java.util.Objects;

/**
 * One test case of a rule pack, a line of a {@code <family>.cases.jsonl} file next to the DRL files.
 *
 * <p>A <b>positive</b> case names the rule that must decide it ({@code rule}) and that rule's category. A <b>negative</b>
 * case names no rule: with {@code category} UNKNOWN no rule may match at all; with another category the best rule must
 * be of that category; with {@code notRule} that rule must not decide it. JSON fields:
 * {@code rule, category, notRule, engine, exitCode, exceptionClass, message, stackTrace, logTail, note}.
 *
 * @param file           the cases file, relative to the pack root
 * @param line           1-based line in that file
 * @param expectedRule   the rule id that must decide the case; null for a negative case
 * @param category       the category the case must end in (UNKNOWN: no rule may match)
 * @param notRule        a rule id that must not decide the case; may be null
 * @param engine         engine of the failing job (spark when absent)
 * @param exitCode       exit code, may be null
 * @param exceptionClass may be null
 * @param message        the error message (required)
 * @param stackTrace     may be null
 * @param logTail        may be null
 */
public record RuleCase(
        String file,
        int line,
        String expectedRule,
        FailureCategory category,
        String notRule,
        String engine,
        Integer exitCode,
        String exceptionClass,
        String message,
        String stackTrace,
        String logTail) {

    private static final Instant OCCURRED_AT = Instant.parse("2026-11-01T00:00:00Z");

    public RuleCase {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
        engine = engine == null || engine.isBlank() ? "spark" : engine;
    }

    /** True when the case names the rule that must decide it. */
    public boolean positive() {
        return expectedRule != null;
    }

    /** {@code file:line}, for reports. */
    public String where() {
        return file + ":" + line;
    }

    /** The failure event this case stands for. */
    public FailureEvent event() {
        var job = new Job("rule-case", "rule-case/1", 1, engine, null, null, null, null, null);
        return new FailureEvent(FailureEvent.SCHEMA_VERSION, "case-" + file + "-" + line, OCCURRED_AT, job,
                new Failure(exitCode, exceptionClass, message, stackTrace, logTail), null);
    }
}
