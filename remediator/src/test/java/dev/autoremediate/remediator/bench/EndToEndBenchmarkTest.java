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
}
