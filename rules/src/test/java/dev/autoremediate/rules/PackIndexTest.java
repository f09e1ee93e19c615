package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled pack is loaded through its index (a fat jar cannot list a classpath folder), so a DRL file added to the
 * source folder but not to the index would silently not ship. This test reads the source folder itself.
 */
class PackIndexTest {

    private static final Path SOURCE_FOLDER = Path.of("src/main/resources").resolve(RulePack.BUNDLED_ROOT);

    @Test
    void every_drl_file_of_the_source_folder_is_in_the_pack_index_and_nothing_else_is() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(SOURCE_FOLDER)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(f -> SOURCE_FOLDER.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".drl"))
                    .sorted()
                    .toList();
        }
        List<String> indexed = RulePack.parseIndex(Files.readString(SOURCE_FOLDER.resolve("pack.index")));

        assertThat(onDisk).isNotEmpty();
        assertThat(indexed).as("entries of %s", RulePack.BUNDLED_INDEX).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void every_cases_file_belongs_to_an_indexed_drl_file() throws IOException {
        List<String> indexed = RulePack.parseIndex(Files.readString(SOURCE_FOLDER.resolve("pack.index")));
        List<String> cases;
        try (Stream<Path> files = Files.walk(SOURCE_FOLDER)) {
            cases = files.filter(Files::isRegularFile)
                    .map(f -> SOURCE_FOLDER.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".cases.jsonl"))
                    .toList();
        }

        assertThat(cases).isNotEmpty().allSatisfy(c -> assertThat(indexed).as("the DRL file of " + c)
                .contains(c.replace(".cases.jsonl", ".drl")));
    }

    @Test
    void the_index_ignores_blank_lines_and_comments() {
        assertThat(RulePack.parseIndex("# a comment\n\n memory.drl \r\nio.drl\n")).containsExactly("memory.drl", "io.drl");
    }
}
