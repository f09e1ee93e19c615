package dev.autoremediate.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentClassifyTest {

    @Test
    void classifying_from_several_threads_at_once_gives_the_same_answers_as_one_thread() throws Exception {
        RulePack pack = BundledPack.get();
        List<FailureEvent> events = LabelledErrors.realDev().stream().map(LabelledError::toFailureEvent).toList();
        List<RuleOutcome> expected = events.stream().map(pack::classify).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<List<RuleOutcome>>>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                tasks.add(() -> {
                    var outcomes = new ArrayList<RuleOutcome>(events.size());
                    for (int round = 0; round < 5; round++) {
                        outcomes.clear();
                        // each thread walks the events from another starting point, so threads overlap on different events
                        for (int i = 0; i < events.size(); i++) {
                            outcomes.add(null);
                        }
                        for (int i = 0; i < events.size(); i++) {
                            int at = (i + offset * 13) % events.size();
                            outcomes.set(at, pack.classify(events.get(at)));
                        }
                    }
                    return outcomes;
                });
            }
            for (Future<List<RuleOutcome>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
