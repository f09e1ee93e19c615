package dev.autoremediate.remediator.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code autoremediate serve} from the packaged jar in a JVM of its own, pointed at a broker the test runs (so the
 * broker outlives the service), with its data under {@code dir}. Its output goes to a log file of the test.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "autoremediate.jar").toAbsolutePath();

    private final Process process;
    private final Path log;
    private final int httpPort;

    private ServiceProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts the service; {@code extra} are further {@code --key=value} settings. */
    public static ServiceProcess start(Path dir, String logName, String bootstrapServers, int httpPort, String... extra)
            throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the build's package phase first");
        }
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", JAR.toString(), "serve",
                "--server.port=" + httpPort,
                "--autoremediate.kafka.bootstrap-servers=" + bootstrapServers,
                "--autoremediate.data-dir=" + dir.resolve("data"),
                "--autoremediate.outbox.sweep-interval=1s",
                "--autoremediate.kafka.max-back-off=1s"));
        command.addAll(List.of(extra));
        Path log = dir.resolve(logName);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ServiceProcess(process, log, httpPort);
    }

    public ServiceProcess awaitHealthy(Duration timeout) throws InterruptedException {
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("serve exited early (" + process.exitValue() + "):\n" + log());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new AssertionError("serve did not become healthy within " + timeout + ":\n" + log());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed on the way out. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A graceful stop (SIGTERM), SIGKILL if that takes longer than a minute. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
