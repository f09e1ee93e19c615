package dev.autoremediate.remediator.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) running inside this JVM: what {@code serve}
 * starts when no {@code autoremediate.kafka.bootstrap-servers} is configured, and what the integration tests use.
 *
 * <p>The log directory is formatted once (when it has no {@code meta.properties}); a restart on the same directory
 * keeps topics, records and committed offsets.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessKafkaBroker.class);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;

    private InProcessKafkaBroker(Path logDir, int port, int controllerPort, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /**
     * Starts a broker on {@code port} (0 = a free port) with its data in {@code logDir}; the controller listens on a
     * free port next to it.
     */
    public static InProcessKafkaBroker start(Path logDir, int port) {
        try {
            Files.createDirectories(logDir);
            if (port != 0 && !isFree(port)) {
                throw new IllegalStateException("cannot start the in-process Kafka broker: port " + port + " on 127.0.0.1 "
                        + "is in use (another broker, or another autoremediate?). Set autoremediate.kafka.embedded-port "
                        + "to a free port, or autoremediate.kafka.bootstrap-servers to use a running cluster.");
            }
            int brokerPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Properties props = properties(logDir, brokerPort, controllerPort);
            Path propsFile = logDir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
                props.store(w, "in-process KRaft broker of autoremediate; rewritten at every start");
            }
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(propsFile);
            }
            long started = System.nanoTime();
            var server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            var broker = new InProcessKafkaBroker(logDir, brokerPort, controllerPort, server);
            log.info("In-process Kafka broker (KRaft, single node) started in {} ms on {} with its data in {}. "
                    + "Connect with bootstrap.servers={}, e.g. kcat -b {} -L",
                    (System.nanoTime() - started) / 1_000_000, broker.bootstrapServers(), logDir.toAbsolutePath(),
                    broker.bootstrapServers(), broker.bootstrapServers());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log directory " + logDir, e);
        }
    }

    private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
        var p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", "1");
        return p;
    }

    private static void format(Path propsFile) {
        var out = new ByteArrayOutputStream();
        int code;
        try (var print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    propsFile.toString(), "--standalone"}, print);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed (exit " + code + "): " + out);
        }
    }

    private static boolean isFree(int port) {
        try {
            bindAndRelease(port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try {
            return bindAndRelease(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds {@code port} (0 = any) on the loopback interface, releases it, and returns the port bound. */
    private static int bindAndRelease(int port) throws IOException {
        try (var socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        log.info("Stopping the in-process Kafka broker on {}", bootstrapServers());
        server.shutdown();
        server.awaitShutdown();
    }
}
