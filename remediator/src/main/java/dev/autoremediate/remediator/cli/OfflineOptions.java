package dev.autoremediate.remediator.cli;

import dev.autoremediate.remediator.pipeline.ModelFallback;
import dev.autoremediate.rules.RulePack;
import dev.autoremediate.rules.RulePackException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the offline commands. */
final class OfflineOptions {

    @Option(names = "--input", required = true, paramLabel = "F|-", description = "FailureEvent JSONL; - for stdin.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "F|-", description = "Decision JSONL; - for stdout.")
    String output;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Classify with the DRL files in DIR instead of the bundled pack (an empty DIR: no rules).")
    Path rulesDir;

    @Mixin
    ClassifierModelOptions classifierModel;

    /** The model to ask when no rule matches (see {@link ClassifierModelOptions#fallback()}). */
    Optional<ModelFallback> modelFallback() throws IOException {
        return classifierModel.fallback();
    }

    BufferedReader openInput() throws IOException {
        if (input.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }

    /** The input as bytes (each line is decoded strictly by the codec, so invalid UTF-8 is reported per line). */
    InputStream openInputStream() throws IOException {
        if (input.equals("-")) {
            return new BufferedInputStream(System.in);
        }
        return new BufferedInputStream(Files.newInputStream(Path.of(input)));
    }

    BufferedWriter openOutput() throws IOException {
        if (output.equals("-")) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
        return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    }

    /**
     * The rule pack to use; throws {@link RulePackException} (with file and line of each problem) if it does not
     * compile, {@link IllegalArgumentException} if {@code --rules} is not a directory.
     */
    RulePack rulePack() {
        return rulesDir == null ? RulePack.bundled() : RulePack.fromDirectory(rulesDir);
    }
}
