package dev.autoremediate.remediator.cli;

import dev.autoremediate.rules.RuleCatalog;
import dev.autoremediate.rules.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rules catalog}: the Markdown catalog of a pack's rules, generated from their metadata. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Write the Markdown catalog of the pack's rules (id, category, retryable, confidence, action, "
                + "description, number of test cases), generated from the rules' metadata.")
final class RulesCatalogCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", description = "The pack (default: the bundled pack).")
    Path rulesDir;

    @Option(names = "--output", paramLabel = "F|-", defaultValue = "-",
            description = "Where to write it (default: stdout), e.g. docs/rule-catalog.md.")
    String output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<RulePack> pack = PackLoader.load(rulesDir, "rules catalog", err);
        if (pack.isEmpty()) {
            return 2;
        }
        String markdown = RuleCatalog.markdown(pack.get());
        if (output.equals("-")) {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            Files.writeString(Path.of(output), markdown, StandardCharsets.UTF_8);
            err.println("rules catalog: wrote " + pack.get().rules().size() + " rules to " + output);
            return 0;
        } catch (IOException e) {
            err.println("rules catalog: cannot write " + output + ": " + e.getMessage());
            return 1;
        }
    }
}
