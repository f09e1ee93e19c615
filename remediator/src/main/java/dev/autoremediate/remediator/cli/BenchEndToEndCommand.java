package dev.autoremediate.remediator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bench e2e}: see {@link BenchCommand}. */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "End to end through a real in-process broker and the store (H2 file by default, or --db-url), "
                + "next to the same broker's plain consume-and-produce passthrough.")
final class BenchEndToEndCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "20000", description = "Events to send.")
    int events;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("bench e2e: not implemented yet");
        return 2;
    }
}
