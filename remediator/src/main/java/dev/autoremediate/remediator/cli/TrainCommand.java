package dev.autoremediate.remediator.cli;

import picocli.CommandLine.Command;

/** {@code train}: build models. Holds the subcommands only (each model's owner adds its own). */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model and write its artifact.",
        subcommands = {TrainOutcomeCommand.class})
final class TrainCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
