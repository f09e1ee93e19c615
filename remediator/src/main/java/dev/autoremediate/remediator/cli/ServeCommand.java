package dev.autoremediate.remediator.cli;

import dev.autoremediate.remediator.app.AutoremediateApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code serve}: the service. Extra {@code --key=value} arguments are Spring properties. */
@Command(name = "serve", description = {"Run the service. With nothing configured it starts an in-process Kafka broker "
        + "on localhost:9092 and an H2 database, both under ./data, and HTTP on 8080.",
        "Any --key=value is passed on as configuration, e.g. --server.port=9090 "
                + "--autoremediate.kafka.bootstrap-servers=kafka:9092"})
final class ServeCommand implements Callable<Integer> {

    /** Returned when the service runs: the JVM stays up until it is stopped. */
    static final int KEEP_RUNNING = Integer.MIN_VALUE;

    @Option(names = "--demo", arity = "0..1", fallbackValue = "samples", paramLabel = "SOURCE",
            description = {"Also feed demo failures into the broker: --demo replays a bundled sample of failure events; "
                    + "--demo=spark runs the local Spark sandbox's jobs for real (they fail, are remediated and retried; "
                    + "needs the build tree: ./mvnw package)."})
    String demo;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        AutoremediateApplication.run(springArguments().toArray(String[]::new));
        return KEEP_RUNNING;
    }

    /** The Spring arguments: the unmatched {@code --key=value}s plus the demo's settings. */
    List<String> springArguments() {
        var args = new ArrayList<>(springArgs);
        if (demo != null) {
            String source = demo;
            if (source.startsWith("-")) {
                // "--demo --server.port=9090": picocli may hand the next (unknown) option to --demo as its value
                args.add(source);
                source = "samples";
            }
            args.add("--autoremediate.demo.enabled=true");
            args.add("--autoremediate.demo.source=" + source);
        }
        return args;
    }
}
