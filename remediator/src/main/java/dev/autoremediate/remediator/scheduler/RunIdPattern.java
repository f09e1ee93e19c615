package dev.autoremediate.remediator.scheduler;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a scheduler's identifiers are read out of the event's {@code job.runId}: a regular expression with named
 * groups, configurable per adapter. The whole runId must match.
 */
public record RunIdPattern(Pattern pattern) {

    public static RunIdPattern of(String regex) {
        return new RunIdPattern(Pattern.compile(regex));
    }

    /** The matcher of a matching runId, or empty. */
    public Optional<Matcher> match(String runId) {
        if (runId == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(runId);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    /** A named group's value, or null when the pattern has no such group or it did not take part. */
    static String group(Matcher m, String name) {
        try {
            return m.group(name);
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }
}
