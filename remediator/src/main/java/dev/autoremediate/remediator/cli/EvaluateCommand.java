package dev.autoremediate.remediator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: score rules and models against labelled data. Subcommands score the models.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score models against labelled data and print the metrics.",
        subcommands = {EvaluateClassifierCommand.class, EvaluateOutcomeCommand.class})
final class EvaluateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
