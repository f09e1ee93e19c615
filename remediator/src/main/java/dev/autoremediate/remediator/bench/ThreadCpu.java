package dev.autoremediate.remediator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time per thread of this JVM, grouped by name with digits folded ({@code data-plane-kafka-request-handler-#}),
 * so that a benchmark can say which threads its CPU went to. Threads started in between count from zero; threads
 * that ended in between are missed.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** CPU nanoseconds per live thread id, with the thread's group name. */
    record Snapshot(Map<Long, Long> nanos, Map<Long, String> groups) {
    }

    static Snapshot snapshot() {
        var nanos = new HashMap<Long, Long>();
        var groups = new HashMap<Long, String>();
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
