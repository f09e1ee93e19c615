package dev.autoremediate.remediator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the CLI, with what it printed. */
record CliRun(int exitCode, String stdout, String stderr) {

    static CliRun run(String... args) {
        CommandLine cli = AutoremediateCli.commandLine();
        var out = new StringWriter();
        var err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
