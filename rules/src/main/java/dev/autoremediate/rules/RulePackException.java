package dev.autoremediate.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule pack did not load: a DRL file does not compile, or a rule's metadata is missing or invalid. The pack is
 * rejected as a whole; a host that reloads packs keeps serving the previous one.
 *
 * <p>The message lists every problem as {@code file:line: message}, one per line.
 */
public class RulePackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<BuildProblem> problems;

    public RulePackException(String summary, List<BuildProblem> problems) {
        super(message(summary, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file and line order. */
    public List<BuildProblem> problems() {
        return problems;
    }

    private static String message(String summary, List<BuildProblem> problems) {
        return summary + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
