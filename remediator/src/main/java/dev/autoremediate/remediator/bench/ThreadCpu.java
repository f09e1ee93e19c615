package dev.autoremediate.remediator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time per thread of this JVM, grouped by name with digits folded ({@code data-plane-kafka-request-handler-#}),
 * so that a benchmark can say which threads its CPU went to. Threads started in between count from zero; threads
 * that ended in between are missed.
 * <p>
 * The JVM's own threads (JIT compilers, garbage collector, VM thread) are not Java threads, so the thread MXBean does
 * not see them. On Linux they are read from {@code /proc/self/task} (10 ms clock ticks) and counted as the groups
 * {@value #JIT}, {@value #GC} and {@value #VM}; elsewhere they are missing from the figures.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** CPU nanoseconds per live thread id, with the thread's group name. */
    record Snapshot(Map<Long, Long> nanos, Map<Long, String> groups) {
    }

    /** The group of the JIT compiler threads (C1, C2). */
    static final String JIT = "JIT compiler threads";
    /** The group of the garbage collector's threads (parallel workers, concurrent marking and refinement). */
    static final String GC = "GC threads";
    /** The group of the VM thread (safepoints). */
    static final String VM = "VM thread";

    private static final Path TASKS = Path.of("/proc/self/task");

    /** Linux's USER_HZ, the unit of {@code utime} and {@code stime} in {@code /proc}: 100 on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static Snapshot snapshot() {
        var nanos = new HashMap<Long, Long>();
        var groups = new HashMap<Long, String>();
        vmThreads(nanos, groups);
        if (!THREADS.isThreadCpuTimeSupported()) {
            return new Snapshot(nanos, groups);
        }
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                groups.put(info.getThreadId(), group(info.getThreadName()));
            }
        }
        return new Snapshot(nanos, groups);
    }

    /**
     * The JVM's own threads from {@code /proc/self/task}, under keys that cannot be Java thread ids (minus the task
     * id), grouped by {@link #vmGroup}; nothing where there is no {@code /proc}.
     */
    private static void vmThreads(Map<Long, Long> nanos, Map<Long, String> groups) {
        if (!Files.isDirectory(TASKS)) {
            return;
        }
        try (var tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    parseStat(Files.readString(task.resolve("stat"))).ifPresent(stat -> {
                        String group = vmGroup(stat.name());
                        if (group != null) {
                            long key = -Long.parseLong(task.getFileName().toString());
                            nanos.put(key, stat.ticks() * NANOS_PER_TICK);
                            groups.put(key, group);
                        }
                    });
                } catch (IOException | NumberFormatException ended) {
                    // the thread ended while the directory was read
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no figures for the JVM's own threads
        }
    }

    /** A task's name and its user plus system CPU time in clock ticks, from its {@code stat} line. */
    record Stat(String name, long ticks) {
    }

    /**
     * Reads {@code pid (name) state ppid ... utime stime ...}: the name may hold spaces and parentheses, so the fields
     * are counted from the last {@code )}; utime and stime are fields 14 and 15.
     */
    static java.util.Optional<Stat> parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return java.util.Optional.empty();
        }
        String[] fields = line.substring(close + 1).trim().split(" ");
        if (fields.length < 13) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Stat(line.substring(open + 1, close),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
    }

    /**
     * The group of one of the JVM's own threads by its task name (HotSpot's names, cut to 15 characters by Linux), or
     * null for a Java thread, which the thread MXBean measures.
     */
    static String vmGroup(String taskName) {
        if (taskName.startsWith("C1 CompilerThre") || taskName.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (taskName.startsWith("GC Thread#") || taskName.startsWith("G1 ") || taskName.startsWith("GC ")) {
            return GC;
        }
        return taskName.equals("VM Thread") ? VM : null;
    }

    /** Seconds of CPU per thread group since {@code start}. */
    static Map<String, Double> since(Snapshot start) {
        Snapshot now = snapshot();
        var seconds = new HashMap<String, Double>();
        now.nanos().forEach((id, cpu) -> seconds.merge(now.groups().get(id),
                (cpu - start.nanos().getOrDefault(id, 0L)) / 1e9, Double::sum));
        return seconds;
    }

    /** The thread's name with each run of digits folded to {@code #}; a producer's client id after " | " dropped. */
    static String group(String threadName) {
        int bar = threadName.indexOf(" | ");
        String name = bar < 0 ? threadName : threadName.substring(0, bar);
        return name.replaceAll("[0-9]+", "#");
    }
}
