package dev.autoremediate.remediator.cli;

import picocli.CommandLine.Command;

/** {@code evaluate}: score rules and models. Holds the subcommands only (each owner adds its own). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Score a model or the rules.",
        subcommands = {EvaluateOutcomeCommand.class})
final class EvaluateCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
