package dev.autoremediate.remediator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Module dependencies point the way docs/architecture.md says: checked on the Maven poms (what each module may
 * depend on) and on the compiled classes (Spring only in remediator and ingest's kafka package; nothing uses
 * remediator; rules and ml-model never use each other).
 */
class ModuleBoundariesTest {

    /** Module to the project modules it may depend on (compile or test scope). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "ingest", Set.of(),
            "datasets", Set.of("ingest"),
            "rules", Set.of("ingest", "datasets"),
            "ml-model", Set.of("ingest", "datasets"),
            "config-tuner", Set.of("ingest", "ml-model"),
            "sandbox", Set.of(),
            "remediator", Set.of("ingest", "datasets", "rules", "ml-model", "config-tuner", "sandbox"));

    private static final Pattern PROJECT_DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.autoremediate</groupId>\\s*<artifactId>([a-z-]+)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.autoremediate");

    @Test
    void every_module_pom_depends_only_on_the_modules_it_may() throws Exception {
        Path root = projectRoot();
        for (var entry : ALLOWED.entrySet()) {
            String pom = Files.readString(root.resolve(entry.getKey()).resolve("pom.xml"));
            Set<String> used = new LinkedHashSet<>();
            var m = PROJECT_DEPENDENCY.matcher(pom);
            while (m.find()) {
                used.add(m.group(1));
            }
            assertThat(used).as("project dependencies of %s", entry.getKey()).isSubsetOf(entry.getValue());
        }
    }

    @Test
    void the_root_pom_lists_every_module() throws Exception {
        String pom = Files.readString(projectRoot().resolve("pom.xml"));
        for (String module : ALLOWED.keySet()) {
            assertThat(pom).contains("<module>" + module + "</module>");
        }
    }

    @Test
    void library_modules_are_plain_java_without_spring() {
        noClasses().that().resideInAnyPackage("dev.autoremediate.rules..", "dev.autoremediate.model..",
                        "dev.autoremediate.tuner..", "dev.autoremediate.datasets..", "dev.autoremediate.ingest.contract..",
                        "dev.autoremediate.ingest.codec..", "dev.autoremediate.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void nothing_depends_on_the_remediator() {
        noClasses().that().resideOutsideOfPackage("dev.autoremediate.remediator..")
                .should().dependOnClassesThat().resideInAPackage("dev.autoremediate.remediator..")
                .check(CLASSES);
    }

    @Test
    void rules_and_models_never_use_each_other() {
        noClasses().that().resideInAPackage("dev.autoremediate.rules..")
                .should().dependOnClassesThat().resideInAPackage("dev.autoremediate.model..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.autoremediate.model..")
                .should().dependOnClassesThat().resideInAPackage("dev.autoremediate.rules..")
                .check(CLASSES);
    }

    @Test
    void ingest_depends_on_no_other_module() {
        noClasses().that().resideInAPackage("dev.autoremediate.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.autoremediate.datasets..",
                        "dev.autoremediate.rules..", "dev.autoremediate.model..", "dev.autoremediate.tuner..")
                .check(CLASSES);
    }

    @Test
    void the_sandbox_depends_on_no_other_module() {
        noClasses().that().resideInAPackage("dev.autoremediate.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.autoremediate.ingest..",
                        "dev.autoremediate.datasets..", "dev.autoremediate.rules..", "dev.autoremediate.model..",
                        "dev.autoremediate.tuner..")
                .check(CLASSES);
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("remediator").resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
