package dev.autoremediate.remediator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rules}: the rule pack's test cases, backtests and catalog. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Work on a rule pack: run its test cases, backtest it over past events, write its catalog.",
        subcommands = {RulesTestCommand.class, RulesBacktestCommand.class, RulesCatalogCommand.class})
final class RulesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
