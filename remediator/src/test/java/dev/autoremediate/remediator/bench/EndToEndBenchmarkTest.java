package dev.autoremediate.remediator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EndToEndBenchmarkTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheTopLevelEventIdPastNestedObjectsThatHaveOneToo() {
        String decision = """
                {"schemaVersion":1,"action":{"eventId":"nested","steps":[{"eventId":"deeper"}]},
                 "tags":["eventId"],"eventId":"evt-\\u00e9-42","jobId":"j"}""";

        assertThat(EndToEndBenchmark.eventId(json(decision))).isEqualTo("evt-é-42");
    }

    @Test
    void saysWhatIsWrongWithAMessageThatIsNotADecision() {
        assertThatThrownBy(() -> EndToEndBenchmark.eventId(json("[1,2]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> EndToEndBenchmark.eventId(json("{\"decisionId\":\"d\"}")))
                .hasMessageContaining("no eventId");
    }

    @Test
    void groupsThreadsByNameWithDigitsFoldedAndClientIdsDropped() {
        assertThat(ThreadCpu.group("data-plane-kafka-request-handler-12")).isEqualTo("data-plane-kafka-request-handler-#");
        assertThat(ThreadCpu.group("kafka-producer-network-thread | autoremediate-3"))
                .isEqualTo("kafka-producer-network-thread");
        assertThat(ThreadCpu.group("outbox-publisher")).isEqualTo("outbox-publisher");
    }

    @Test
    void countsTheCpuThisThreadUsedSinceASnapshot() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var start = ThreadCpu.snapshot();
        long cpuAtStart = threads.getCurrentThreadCpuTime();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() - cpuAtStart < 30_000_000L) { // 30 ms of CPU, however long that takes
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        var used = ThreadCpu.since(start);

        assertThat(x).isPositive();
        assertThat(used.get(ThreadCpu.group(Thread.currentThread().getName()))).isGreaterThanOrEqualTo(0.03);
    }

    @Test
    void readsATasksNameAndCpuTicksFromItsStatLineEvenWithSpacesAndParenthesesInTheName() {
        String line = "4242 (C2 CompilerThre) S 4200 4200 0 0 -1 4194368 100 0 0 0 1234 56 0 0 20 0 40 0 900 0 0";
        assertThat(ThreadCpu.parseStat(line)).contains(new ThreadCpu.Stat("C2 CompilerThre", 1290));
        assertThat(ThreadCpu.parseStat("7 (odd) name)) R 1 7 0 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 9 0 0"))
                .contains(new ThreadCpu.Stat("odd) name)", 7));
        assertThat(ThreadCpu.parseStat("no name here")).isEmpty();
        assertThat(ThreadCpu.parseStat("1 (short) S 1 2")).isEmpty();
    }

    @Test
    void groupsTheJvmsOwnThreadsByTheirTaskNamesAndLeavesJavaThreadsToTheMxBean() {
        assertThat(ThreadCpu.vmGroup("C2 CompilerThre")).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.vmGroup("C1 CompilerThre")).isEqualTo(ThreadCpu.JIT);
        assertThat(ThreadCpu.vmGroup("GC Thread#1")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.vmGroup("G1 Conc#0")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.vmGroup("G1 Refine#0")).isEqualTo(ThreadCpu.GC);
        assertThat(ThreadCpu.vmGroup("VM Thread")).isEqualTo(ThreadCpu.VM);
        assertThat(ThreadCpu.vmGroup("outbox-publishe")).isNull();
        assertThat(ThreadCpu.vmGroup("main")).isNull();
    }

    @Test
    void countsTheJitCompilersCpuFromProc() {
        // (Linux, as the project's CI: elsewhere the JVM's own threads are simply missing from the figures)
        // the JVM of any test has compiled something by now: its compiler threads have used CPU since they started
        var now = ThreadCpu.since(new ThreadCpu.Snapshot(java.util.Map.of(), java.util.Map.of()));
        assertThat(now).containsKey(ThreadCpu.JIT);
        assertThat(now.get(ThreadCpu.JIT)).isPositive();
    }
}
