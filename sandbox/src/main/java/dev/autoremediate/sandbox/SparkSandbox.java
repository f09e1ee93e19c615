package dev.autoremediate.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs sandbox jobs, each in a child JVM: {@code java -Xmx<spark.driver.memory> … SparkJobMain JOB REPORT conf…} on
 * the classpath written at build time ({@code spark-classpath.txt}: Spark from the local Maven repository). In local
 * mode the driver and the executor threads share that JVM, so {@code spark.driver.memory} is the real heap. Plain
 * Java: Spark is loaded only in the child.
 */
public final class SparkSandbox {

    /** What Spark 3.5 needs opened on Java 17 (the list of Spark's own launcher, JavaModuleOptions). */
    static final List<String> JAVA17_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private static final int LOG_TAIL_LINES = 60;
    private static final Pattern UNCAUGHT = Pattern.compile("^Exception in thread \"[^\"]*\" ([\\w.$]+)(?::\\s?(.*))?$");

    private final String classpath;
    private final Path workDir;
    private final Duration timeout;

    /**
     * @param classpath the child's classpath (see {@link #buildClasspath()})
     * @param workDir   scratch space (Spark's local dir, reports)
     * @param timeout   a child running longer is killed (and reported as failed with exit code -1)
     */
    public SparkSandbox(String classpath, Path workDir, Duration timeout) {
        this.classpath = classpath;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** A sandbox on the classpath written at build time, with scratch space under {@code workDir}. */
    public static SparkSandbox fromBuild(Path workDir) {
        return new SparkSandbox(buildClasspath(), workDir, Duration.ofMinutes(3));
    }

    /**
     * The sandbox's classes plus Spark's jars, as the build wrote them ({@code dependency:build-classpath}). The paths
     * point into the local Maven repository and the build tree of the machine that built the module.
     */
    public static String buildClasspath() {
        Properties props = new Properties();
        String deps;
        try (InputStream p = SparkSandbox.class.getResourceAsStream("sandbox.properties");
                InputStream c = SparkSandbox.class.getResourceAsStream("spark-classpath.txt")) {
            if (p == null || c == null) {
                throw new IllegalStateException("sandbox.properties or spark-classpath.txt is missing: build the "
                        + "sandbox module with Maven (./mvnw -pl sandbox package) on this machine");
            }
            props.load(p);
            deps = new String(c.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classes = props.getProperty("classes.dir");
        if (!Files.isDirectory(Path.of(classes))) {
            throw new IllegalStateException("the sandbox's build directory " + classes + " is gone: rebuild it");
        }
        return classes + java.io.File.pathSeparator + deps;
    }

    /** Runs the job with its failing configuration. */
    public SparkRun run(SparkJob job) {
        return run(job, job.failingConfig());
    }

    /** Runs the job with this configuration ({@code spark.driver.memory} becomes the child's -Xmx). */
    public SparkRun run(SparkJob job, Map<String, String> config) {
        try {
            Files.createDirectories(workDir);
            Path report = Files.createTempFile(workDir, job.name().toLowerCase() + "-", ".report");
            Files.delete(report);
            Path localDir = Files.createDirectories(workDir.resolve("spark-local"));
            var conf = new LinkedHashMap<>(config);
            conf.putIfAbsent("spark.local.dir", localDir.toString());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + jvmMemory(conf.getOrDefault("spark.driver.memory", "1g")));
            command.addAll(JAVA17_OPTIONS);
            command.add("-Dlog4j2.configurationFile=dev/autoremediate/sandbox/log4j2-sandbox.properties");
            command.add("-Djava.io.tmpdir=" + localDir);
            command.add("-cp");
            command.add(classpath);
            command.add(SparkJobMain.class.getName());
            command.add(job.name());
            command.add(report.toString());
            conf.forEach((k, v) -> command.add(k + "=" + v));

            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(false).start();
            Deque<String> tail = new ArrayDeque<>();
            Thread reader = new Thread(() -> readTail(process.getErrorStream(), tail), "sandbox-stderr-" + job.name());
            reader.setDaemon(true);
            reader.start();
            int exit;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            } else {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exit = -1;
            }
            reader.join(5_000);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String logTail;
            synchronized (tail) {
                logTail = String.join("\n", tail);
            }
            if (exit == 0) {
                return new SparkRun(job, config, 0, null, null, null, null, took);
            }
            if (Files.exists(report)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(report)) {
                    p.load(in);
                }
                return new SparkRun(job, config, exit, p.getProperty("exceptionClass"), p.getProperty("message"),
                        p.getProperty("stackTrace"), logTail, took);
            }
            return fromLog(job, config, exit, logTail, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + job, e);
        }
    }

    /** No report (the JVM died hard, e.g. out of memory): the last uncaught exception printed on stderr. */
    static SparkRun fromLog(SparkJob job, Map<String, String> config, int exit, String logTail, Duration took) {
        String exceptionClass = null;
        String message = null;
        StringBuilder trace = new StringBuilder();
        for (String line : logTail.split("\n")) {
            Matcher m = UNCAUGHT.matcher(line);
            if (m.matches()) {
                exceptionClass = m.group(1);
                message = m.group(2);
                trace.setLength(0);
                trace.append(line.substring(line.indexOf(exceptionClass))).append('\n');
            } else if (exceptionClass != null && (line.startsWith("\tat ") || line.startsWith("Caused by: ")
                    || line.startsWith("\t... "))) {
                trace.append(line).append('\n');
            }
        }
        if (exit == -1 && exceptionClass == null) {
            message = "the sandbox killed the job after its timeout";
        }
        return new SparkRun(job, config, exit, exceptionClass, message, trace.isEmpty() ? null : trace.toString(),
                logTail, took);
    }

    private static void readTail(InputStream err, Deque<String> tail) {
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > LOG_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone
        }
    }

    /** Spark's memory syntax to the JVM's: {@code 512m}, {@code 1g}, {@code 1536m}; fractions become megabytes. */
    static String jvmMemory(String sparkSize) {
        Matcher m = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)b?\\s*").matcher(sparkSize);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a memory size: " + sparkSize);
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2).isEmpty() ? "m" : m.group(2).toLowerCase();
        double mib = switch (unit) {
            case "k" -> value / 1024;
            case "m" -> value;
            case "g" -> value * 1024;
            case "t" -> value * 1024 * 1024;
            default -> throw new IllegalArgumentException(sparkSize);
        };
        return Math.max(1, Math.round(mib)) + "m";
    }
}
