package dev.autoremediate.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes DRL files for tests of packs loaded from a directory. */
final class DrlFiles {

    static final String HEADER = """
            package dev.autoremediate.rules.test;

            import dev.autoremediate.rules.FailureFact;

            """;

    private DrlFiles() {
    }

    /** A valid rule with the given name, confidence and conditions (the inside of {@code FailureFact( ... )}). */
    static String rule(String name, double confidence, String conditions) {
        return rule(name, """
                @category("TRANSIENT_IO") @retryable(true) @confidence(%s)
                @action("RETRY") @delaySeconds(30)
                @description("a test rule")""".formatted(confidence), conditions);
    }

    /** A rule with the given metadata annotations and conditions. */
    static String rule(String name, String metadata, String conditions) {
        return """
                rule "%s"
                    %s
                when
                    FailureFact( %s )
                then
                end

                """.formatted(name, metadata.replace("\n", "\n    "), conditions);
    }

    static Path write(Path dir, String relativePath, String... rules) {
        try {
            Path file = dir.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, HEADER + String.join("", rules));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
