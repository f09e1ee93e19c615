package dev.autoremediate.rules;

import java.util.Objects;

/**
 * One reason a rule pack did not load.
 *
 * @param file    the DRL file relative to the pack root ({@code /} separators); the directory itself for problems of
 *                the whole pack
 * @param line    1-based line in the file, 0 when unknown
 * @param message what is wrong
 */
public record BuildProblem(String file, int line, String message) {

    public BuildProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            line = 0;
        }
    }

    /** {@code file:line: message}, the form compilers use. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
