package dev.autoremediate.remediator.rulepack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.remediator.pipeline.FailureClassifier;
import dev.autoremediate.rules.RulePack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a real directory, driven step by step (poll()) with a clock the test moves. */
class RulePackWatcherTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private FailureClassifier classifier;
    private RulePackWatcher watcher;
    private String v1;

    @BeforeEach
    void servingAGoodPack() throws Exception {
        PackFiles.writeSmallPack(dir, "version one");
        RulePack pack = RulePack.fromDirectory(dir);
        v1 = pack.version();
        classifier = new FailureClassifier(pack);
        watcher = new RulePackWatcher(dir, classifier, Duration.ofMillis(100), Duration.ofSeconds(1), true, clock);
    }

    @Test
    void a_pack_that_does_not_compile_is_rejected_with_file_and_line_and_the_old_pack_keeps_serving() throws Exception {
        Files.writeString(dir.resolve("disk.drl"), Files.readString(dir.resolve("disk.drl"))
                .replace("text contains \"no space left on device\"", "text contains"), StandardCharsets.UTF_8);

        watcher.poll();
        clock.advance(Duration.ofSeconds(2));
        watcher.poll();

        RulePackStatus status = watcher.status();
        assertThat(status.servingVersion()).isEqualTo(v1);
        assertThat(status.lastError()).isNotEmpty().allSatisfy(p -> assertThat(p).matches("disk\\.drl:\\d+: .+"));
        assertThat(classifier.pack().version()).isEqualTo(v1);
        assertThat(classifier.classify(FailureEvents.spark("job", 1, null, "java.io.IOException: No space left on device", null)).classification().rulePackVersion()).isEqualTo(v1);
    }

    @Test
    void a_pack_that_compiles_but_fails_its_cases_is_rejected() throws Exception {
        Files.writeString(dir.resolve("disk.drl"), Files.readString(dir.resolve("disk.drl"))
                .replace("no space left on device", "disk is full"), StandardCharsets.UTF_8);

        RulePackStatus status = watcher.reload();

        assertThat(status.servingVersion()).isEqualTo(v1);
        assertThat(status.rejectedVersion()).isNotNull().isNotEqualTo(v1);
        assertThat(status.lastError()).anySatisfy(p -> assertThat(p).startsWith("disk.cases.jsonl:1: expected DSK-001"));
        assertThat(classifier.pack().version()).isEqualTo(v1);
    }

    @Test
    void a_good_change_is_swapped_in_only_after_the_files_stay_unchanged_for_the_debounce_time() throws Exception {
        PackFiles.writeSmallPack(dir, "version two");
        String v2 = RulePack.fromDirectory(dir).version();

        watcher.poll();
        assertThat(classifier.pack().version()).as("changed, not yet settled").isEqualTo(v1);
        clock.advance(Duration.ofMillis(500));
        watcher.poll();
        assertThat(classifier.pack().version()).as("half the debounce").isEqualTo(v1);
        clock.advance(Duration.ofMillis(600));
        watcher.poll();

        assertThat(classifier.pack().version()).isEqualTo(v2);
        assertThat(watcher.status().servingVersion()).isEqualTo(v2);
        assertThat(watcher.status().lastError()).isEmpty();
        assertThat(watcher.status().loadedAt()).isEqualTo(clock.instant());
        assertThat(classifier.classify(FailureEvents.spark("job", 1, null, "java.io.IOException: No space left on device", null)).classification().rulePackVersion()).isEqualTo(v2);
    }

    @Test
    void a_fixed_pack_after_a_broken_one_clears_the_error() throws Exception {
        Path drl = dir.resolve("disk.drl");
        String good = Files.readString(drl);
        Files.writeString(drl, good + "\nrule \"oops\n", StandardCharsets.UTF_8);
        assertThat(watcher.reload().lastError()).isNotEmpty();

        Files.writeString(drl, good.replace("version one", "version three"), StandardCharsets.UTF_8);
        RulePackStatus status = watcher.reload();

        assertThat(status.lastError()).isEmpty();
        assertThat(status.servingVersion()).isNotEqualTo(v1).isEqualTo(classifier.pack().version());
    }

    @Test
    void an_unchanged_directory_is_not_recompiled() {
        watcher.poll();
        clock.advance(Duration.ofSeconds(5));
        watcher.poll();

        assertThat(watcher.status().lastCheckAt()).isNull();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T03:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
