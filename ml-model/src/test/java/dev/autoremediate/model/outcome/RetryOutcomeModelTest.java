package dev.autoremediate.model.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.datasets.sim.RetryHistories;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.RunMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryOutcomeModelTest {

    private static final Instant TRAINED_AT = Instant.parse("2026-11-01T00:00:00Z");
    private static List<OutcomeExample> examples;

    @BeforeAll
    static void histories() {
        examples = OutcomeExample.fromSimulator(RetryHistories.generate(3, 300, 20, 3));
    }

    @Test
    void training_the_same_examples_at_the_same_time_writes_the_same_bytes(@TempDir Path dir) throws Exception {
        var trainer = new RetryOutcomeTrainer();
        trainer.train(examples, TRAINED_AT).save(dir.resolve("a.tribuo"));
        new RetryOutcomeTrainer().train(examples, TRAINED_AT).save(dir.resolve("b.tribuo"));

        assertThat(Files.readAllBytes(dir.resolve("a.tribuo"))).isEqualTo(Files.readAllBytes(dir.resolve("b.tribuo")));
        RetryOutcomeModel loaded = RetryOutcomeModel.load(dir.resolve("a.tribuo"));
        assertThat(loaded.version()).startsWith("oc-");
        assertThat(loaded.trainedAt().toInstant()).isEqualTo(TRAINED_AT);
        assertThat(loaded.provenance().getDatasetProvenance().toString()).contains("sha256");
        assertThat(loaded.provenance().getTrainerProvenance().toString()).contains("LinearSGDTrainer");
    }

    @Test
    void the_bundled_model_loads_and_answers_only_for_what_it_covers() {
        RetryOutcomeModel model = RetryOutcomeModel.bundled();
        FailureEvent oom = FailureEvents.heapOom("job-1");

        assertThat(model.version()).startsWith("oc-");
        assertThat(model.successProbability(RetryCase.of(oom, FailureCategory.MEMORY_EXECUTOR_OOM, bigger(oom, "12g"),
                Optional.empty()))).isPresent();
        assertThat(model.successProbability(RetryCase.of(oom, FailureCategory.USER_CODE, oom.job().config(),
                Optional.empty()))).isEmpty();
        assertThat(model.successProbability(new RetryCase(FailureCategory.MEMORY_EXECUTOR_OOM, "flink",
                oom.job().config(), oom.metrics(), "", oom.job().config(), Optional.empty()))).isEmpty();
    }

    @Test
    void more_executor_memory_makes_an_oom_retry_more_likely_to_succeed() {
        RetryOutcomeModel model = RetryOutcomeModel.bundled();
        FailureEvent fixture = FailureEvents.heapOom("job-1");
        long gib = 1L << 30;
        // as an engine reports an executor OOM: the heap at its 8g ceiling, the container below its limit, some spill
        var metrics = new RunMetrics(50 * gib, 20 * gib, 20 * gib, 2 * gib, 8 * gib - (100L << 20), 8 * gib + (800L << 20),
                2 * gib, null, 1800L, 50, 4000);
        FailureEvent oom = new FailureEvent(1, fixture.eventId(), fixture.occurredAt(), fixture.job(), fixture.failure(),
                metrics);
        double same = p(model, oom, "8g");
        double little = p(model, oom, "9g");
        double double_ = p(model, oom, "16g");
        assertThat(same).isLessThan(little);
        assertThat(little).isLessThan(double_);
        assertThat(double_).isGreaterThan(0.8);
    }

    @Test
    void a_split_by_job_never_puts_a_job_on_both_sides() {
        OutcomeSplit split = OutcomeSplit.byJob(examples);
        var trainJobs = new HashSet<String>();
        split.train().forEach(e -> trainJobs.add(e.jobId()));
        assertThat(split.test()).isNotEmpty().noneMatch(e -> trainJobs.contains(e.jobId()));
        assertThat(split.train().size() + split.test().size()).isEqualTo(examples.size());
    }

    @Test
    void recorded_retries_train_alongside_simulated_ones() {
        var mixed = new ArrayList<>(examples);
        OutcomeExample sim = examples.get(0);
        mixed.add(OutcomeExample.recorded(sim.retry(), sim.failed(), sim.category()));
        assertThat(new RetryOutcomeTrainer().train(mixed, TRAINED_AT).version()).startsWith("oc-");
        assertThatThrownBy(() -> new RetryOutcomeTrainer().train(List.of(), TRAINED_AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_evaluation_computes_log_loss_auc_and_a_reliability_table() {
        var scored = List.of(new OutcomeEvaluation.Scored(0.9, true), new OutcomeEvaluation.Scored(0.8, true),
                new OutcomeEvaluation.Scored(0.3, false), new OutcomeEvaluation.Scored(0.2, true));
        OutcomeEvaluation e = OutcomeEvaluation.of(scored);

        // positives 0.9, 0.8, 0.2 against the negative 0.3: two of three pairs ranked right
        assertThat(e.auc()).isCloseTo(2.0 / 3, within(1e-12));
        double logLoss = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.7) + Math.log(0.2)) / 4;
        assertThat(e.logLoss()).isCloseTo(logLoss, within(1e-12));
        assertThat(e.bins()).hasSize(10);
        assertThat(e.bins().stream().mapToInt(OutcomeEvaluation.Bin::count).sum()).isEqualTo(4);
        assertThat(e.bins().get(9).meanPredicted()).isCloseTo(0.9, within(1e-12));
        assertThat(e.format()).contains("log-loss", "AUC", "reliability");
    }

    @Test
    void platt_scaling_pulls_overconfident_probabilities_back() {
        var pairs = new ArrayList<double[]>();
        for (int i = 0; i < 1000; i++) {
            // says 0.99 but is right 80% of the time
            pairs.add(new double[] {0.99, i % 5 == 0 ? 0 : 1});
            pairs.add(new double[] {0.01, i % 5 == 0 ? 1 : 0});
        }
        Platt platt = Platt.fit(pairs);
        assertThat(platt.apply(0.99)).isCloseTo(0.8, within(0.01));
        assertThat(Platt.parse(platt.toText())).isEqualTo(platt);
    }

    private static double p(RetryOutcomeModel model, FailureEvent oom, String heap) {
        return model.successProbability(RetryCase.of(oom, FailureCategory.MEMORY_EXECUTOR_OOM, bigger(oom, heap),
                Optional.empty())).orElseThrow();
    }

    private static Map<String, String> bigger(FailureEvent event, String heap) {
        var config = new TreeMap<>(event.job().config());
        config.put("spark.executor.memory", heap);
        return config;
    }

    @Test
    void scoring_the_weights_directly_and_many_candidates_at_once_give_exactly_tribuos_numbers() {
        RetryOutcomeModel model = RetryOutcomeModel.bundled();
        assertThat(model.scoresWeightsDirectly()).isTrue();
        int compared = 0;
        for (OutcomeExample example : examples) {
            RetryCase c = example.asCase();
            var throughTribuo = model.rawProbability(c, true);
            assertThat(model.rawProbability(c, false)).isEqualTo(throughTribuo);
            var many = model.successProbabilities(c).apply(c.candidate());
            assertThat(many).isEqualTo(model.successProbability(c));
            compared += throughTribuo.isPresent() ? 1 : 0;
        }
        assertThat(compared).isGreaterThan(examples.size() / 2);
    }
}
