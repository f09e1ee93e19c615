package dev.autoremediate.remediator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Commands of the CLI contract that later work delivers. They say so and exit with status 2 rather than pretend.
 */
final class NotYetAvailable {

    private NotYetAvailable() {
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(hidden = true)
        List<String> ignored;

        abstract String arrivesWith();

        @Override
        public Integer call() {
            spec.commandLine().getErr().println(spec.name() + ": not available in this build yet; it arrives with "
                    + arrivesWith() + ".");
            return 2;
        }
    }

    @Command(name = "train", description = "Train the failure classifier and the retry-outcome model (not yet available).")
    static final class Train extends Base {
        String arrivesWith() {
            return "the Tribuo models (issue #4)";
        }
    }

    @Command(name = "simulate", description = "Drive the job-platform simulator (not yet available).")
    static final class Simulate extends Base {
        String arrivesWith() {
            return "the config tuner and simulator (issue #5)";
        }
    }
}
