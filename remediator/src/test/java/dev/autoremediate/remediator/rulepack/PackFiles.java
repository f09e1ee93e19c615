package dev.autoremediate.remediator.rulepack;

import dev.autoremediate.rules.RulePack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: small packs written to a directory. */
public final class PackFiles {

    private PackFiles() {
    }

    /** One rule with three passing cases; {@code description} changes its version. */
    public static void writeSmallPack(Path dir, String description) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("disk.drl"), """
                package dev.autoremediate.rules.pack;

                import dev.autoremediate.rules.FailureFact;

                rule "DSK-001 no space left"
                    @category("DISK_SPACE") @retryable(false) @confidence(0.9)
                    @action("ESCALATE")
                    @description("%s")
                when
                    FailureFact( text contains "no space left on device" )
                then
                end
                """.formatted(description), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("disk.cases.jsonl"), """
                {"rule": "DSK-001", "category": "DISK_SPACE", "message": "java.io.IOException: No space left on device"}
                {"rule": "DSK-001", "category": "DISK_SPACE", "message": "write failed: No space left on device (spill)"}
                {"rule": "DSK-001", "category": "DISK_SPACE", "engine": "hive", "message": "ENOSPC: No space left on device"}
                {"category": "UNKNOWN", "message": "java.lang.IllegalStateException: unexpected"}
                """, StandardCharsets.UTF_8);
    }

    /** A copy of the bundled pack (DRL files and their cases) under {@code dir}, at the bundled paths. */
    public static void copyBundled(Path dir) throws IOException {
        ClassLoader loader = RulePack.class.getClassLoader();
        String index;
        try (InputStream in = loader.getResourceAsStream(RulePack.BUNDLED_INDEX)) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path packDir = Files.createDirectories(dir.resolve(RulePack.BUNDLED_ROOT));
        for (String line : index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            for (String name : new String[] {line, line.replace(".drl", ".cases.jsonl")}) {
                try (InputStream in = loader.getResourceAsStream(RulePack.BUNDLED_ROOT + name)) {
                    if (in != null) {
                        Files.copy(in, packDir.resolve(name));
                    }
                }
            }
        }
    }
}
