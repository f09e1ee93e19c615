package dev.autoremediate.remediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.RetryCommand;
import dev.autoremediate.remediator.broker.InProcessKafkaBroker;
import dev.autoremediate.remediator.support.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it, each time in its own JVM: the offline {@code classify}, and {@code serve --demo}
 * on its embedded defaults (in-process Kafka, H2 under ./data), stopped and started again in the same directory.
 */
class JarIT {

    private static final Path JAR = Path.of("target", "autoremediate.jar").toAbsolutePath();
    private static final Path DEMO = Path.of("src", "main", "resources", "demo", "demo-events.jsonl").toAbsolutePath();
    private final ContractCodec codec = new ContractCodec();

    @TempDir
    Path dir;

    private ProcessBuilder java(String... args) {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    @Test
    void classify_runs_offline_from_the_jar() throws Exception {
        assertThat(JAR).exists();
        Process p = java("classify", "--input", DEMO.toString(), "--output", "-")
                .redirectError(dir.resolve("err.txt").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));

        assertThat(p.exitValue()).as(err).isZero();
        List<Decision> decisions = out.lines().map(l -> codec.read(l, Decision.class)).toList();
        long validLines = Files.readAllLines(DEMO).stream().filter(l -> !l.isBlank()).count() - 2;
        assertThat(decisions).hasSize((int) validLines);
        assertThat(decisions).extracting(d -> d.classification().category()).contains(FailureCategory.MEMORY_OVERHEAD,
                FailureCategory.SQL_ANALYSIS, FailureCategory.UNKNOWN);
        assertThat(err.lines().filter(l -> l.startsWith("line ")).count()).isEqualTo(2);
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void serve_demo_decides_the_sample_and_a_restart_in_the_same_directory_resumes_without_deciding_twice()
            throws Exception {
        int kafkaPort = InProcessKafkaBroker.freePort();
        int httpPort = InProcessKafkaBroker.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;

        Process first = serve(kafkaPort, httpPort, "first.log");
        int commandsBefore;
        String adminPassword;
        try {
            awaitHealthy(httpPort, first, "first.log");
            // the bundled failure classifier model is loaded and reported by the health component "model"
            String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(health).contains("\"model\"").contains("\"loaded\":true").containsPattern("\"modelVersion\":\"fc-[0-9a-f]{12}\"");
            List<Decision> decisions = decisions(bootstrap, 17);
            assertThat(decisions).as(log("first.log")).hasSize(17);
            assertThat(decisions.stream().map(Decision::eventId).distinct().count()).isEqualTo(17);
            commandsBefore = retryCommands(bootstrap).size();
            assertThat(commandsBefore).isPositive();
            // the review UI's admin of a first start without users: its password is printed once and works
            adminPassword = generatedAdminPassword(log("first.log"));
            assertThat(apiStatus(httpPort, null)).isEqualTo(401);
            assertThat(apiStatus(httpPort, adminPassword)).isEqualTo(200);
        } finally {
            stop(first);
        }
        assertThat(Files.readString(dir.resolve("data").resolve("security").resolve("admin-password.bcrypt")))
                .doesNotContain(adminPassword);
        assertThat(dir.resolve("data").resolve("kafka").resolve("meta.properties")).exists();
        assertThat(dir.resolve("data").resolve("db")).isDirectory();

        Process second = serve(kafkaPort, httpPort, "second.log");
        try {
            awaitHealthy(httpPort, second, "second.log");
            awaitLog("second.log", "Demo: replayed", second);
            // the replayed sample is recognised as already decided: no new decision, no new retry command
            assertThat(TopicReader.readAll(bootstrap, "remediation-decisions", 17, Duration.ofSeconds(60),
                    Duration.ofSeconds(5))).as(log("second.log")).hasSize(17);
            assertThat(retryCommands(bootstrap)).hasSize(commandsBefore);
            assertThat(log("second.log")).contains("Duplicate event");
            assertThat(log("second.log")).doesNotContain("no users are configured").doesNotContain(adminPassword);
            assertThat(apiStatus(httpPort, adminPassword)).isEqualTo(200);
        } finally {
            stop(second);
        }
    }

    private Process serve(int kafkaPort, int httpPort, String logName) throws IOException {
        return java("serve", "--demo", "--server.port=" + httpPort, "--autoremediate.kafka.embedded-port=" + kafkaPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    }

    private List<Decision> decisions(String bootstrap, int atLeast) {
        return TopicReader.readAll(bootstrap, "remediation-decisions", atLeast, Duration.ofSeconds(60),
                Duration.ofSeconds(3)).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), Decision.class)).toList();
    }

    private List<RetryCommand> retryCommands(String bootstrap) {
        return TopicReader.readAll(bootstrap, "job-retry-commands", Integer.MAX_VALUE, Duration.ofSeconds(5),
                Duration.ZERO).stream()
                .map(r -> codec.read(new String(r.value(), StandardCharsets.UTF_8), RetryCommand.class)).toList();
    }

    private void awaitHealthy(int httpPort, Process process, String logName) throws Exception {
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("serve exited early:\n%s", log(logName)).isTrue();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("serve did not become healthy within 120 s:\n" + log(logName));
    }

    private void awaitLog(String logName, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !log(logName).contains(text)) {
            assertThat(process.isAlive()).isTrue();
            Thread.sleep(300);
        }
        assertThat(log(logName)).contains(text);
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String generatedAdminPassword(String log) {
        var m = java.util.regex.Pattern.compile("no users are configured.*?with password\\s+(\\S+)\\s",
                java.util.regex.Pattern.DOTALL).matcher(log);
        assertThat(m.find()).as("the generated admin password is printed:%n%s", log).isTrue();
        return m.group(1);
    }

    /** GET /api/v1/decisions as admin with the password, or anonymously when it is null. */
    private static int apiStatus(int httpPort, String adminPassword) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/decisions"))
                .timeout(Duration.ofSeconds(10));
        if (adminPassword != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
