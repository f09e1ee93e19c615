package dev.autoremediate.remediator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code train}: build models from {@code datasets/} (and the decision store); its subcommands do the work. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model and write its .tribuo artifact.",
        subcommands = {TrainClassifierCommand.class, TrainOutcomeCommand.class})
final class TrainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
