package dev.autoremediate.remediator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the jar. */
@Command(name = "autoremediate", mixinStandardHelpOptions = true, versionProvider = AutoremediateCli.Version.class,
        description = "Job-failure auto-remediation: classify failed big-data jobs, decide and retry.",
        subcommands = {ServeCommand.class, ClassifyCommand.class, DecideCommand.class, TrainCommand.class,
                EvaluateCommand.class, RulesCommand.class, SimulateCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class AutoremediateCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        boolean serving = args.length > 0 && args[0].equals("serve");
        if (!serving && System.getProperty("logback.configurationFile") == null) {
            // offline commands: warnings only, and on stderr, so that stdout carries nothing but the output
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        int code = commandLine().execute(args);
        if (code != ServeCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    public static CommandLine commandLine() {
        return new CommandLine(new AutoremediateCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AutoremediateCli.class.getPackage().getImplementationVersion();
            return new String[] {"autoremediate " + (v == null ? "development build" : v)};
        }
    }
}
