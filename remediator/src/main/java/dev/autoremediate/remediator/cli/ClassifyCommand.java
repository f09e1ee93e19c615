package dev.autoremediate.remediator.cli;

import picocli.CommandLine.Command;

/** {@code classify}: the category, the rule and the action of each failure event, without config values. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "FailureEvent JSONL in, one Decision JSON line out per valid input line, same order. "
                + "Bad lines are reported on stderr with their line number. Starts no server, broker or database.")
final class ClassifyCommand extends OfflineDecisionCommand {

    @Override
    boolean tune() {
        return false;
    }
}
