package dev.autoremediate.remediator.cli;

import dev.autoremediate.rules.RulePack;
import dev.autoremediate.rules.RulePackException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the bundled pack or a directory's, reporting a pack that does not load on stderr. */
final class PackLoader {

    private PackLoader() {
    }

    /** The pack, or empty after printing why it does not load ({@code file:line: message} per problem). */
    static Optional<RulePack> load(Path dir, String command, PrintWriter err) {
        try {
            return Optional.of(dir == null ? RulePack.bundled() : RulePack.fromDirectory(dir));
        } catch (RulePackException e) {
            err.println(command + ": the rule pack " + (dir == null ? "(bundled)" : dir) + " does not load:");
            e.problems().forEach(p -> err.println("  " + p));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            err.println(command + ": --rules " + e.getMessage());
            return Optional.empty();
        } finally {
            err.flush();
        }
    }
}
