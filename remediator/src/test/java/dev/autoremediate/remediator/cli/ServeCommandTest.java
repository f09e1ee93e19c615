package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

    private static List<String> springArguments(String... args) {
        var parsed = AutoremediateCli.commandLine().parseArgs(args);
        return ((ServeCommand) parsed.subcommand().commandSpec().userObject()).springArguments();
    }

    @Test
    void demo_alone_replays_the_samples() {
        assertThat(springArguments("serve", "--demo"))
                .containsExactly("--autoremediate.demo.enabled=true", "--autoremediate.demo.source=samples");
    }

    @Test
    void demo_spark_runs_the_spark_sandbox() {
        assertThat(springArguments("serve", "--demo=spark", "--server.port=9090"))
                .containsExactlyInAnyOrder("--server.port=9090", "--autoremediate.demo.enabled=true",
                        "--autoremediate.demo.source=spark");
    }

    @Test
    void an_option_after_a_bare_demo_stays_a_spring_argument() {
        assertThat(springArguments("serve", "--demo", "--server.port=9090"))
                .containsExactlyInAnyOrder("--server.port=9090", "--autoremediate.demo.enabled=true",
                        "--autoremediate.demo.source=samples");
    }

    @Test
    void without_demo_nothing_is_added() {
        assertThat(springArguments("serve", "--server.port=9090")).containsExactly("--server.port=9090");
    }
}
