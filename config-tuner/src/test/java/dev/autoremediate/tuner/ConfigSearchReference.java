package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ConfigCandidate;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ConfigSearch as it was before its candidates became numbers ({@link SparkCandidate}): each candidate a map of
 * strings, its view read back from them, its estimate asked with its complete configuration, and the companions as
 * {@code HeuristicEstimator.companions} made them. Kept as the reference the search is compared with, choice by choice
 * (ConfigSearchEquivalenceTest). The only change: {@code SparkView.of} of the merged configuration where it used
 * {@code SparkView.with} of the overrides (the same view, see SparkViewTest). The rails and the rounding, which did not
 * change, are ConfigSearch's; the numbers of the explanations are written with Locale.ROOT, as they were.
 */
final class ConfigSearchReference {

    /** Candidates listed in a choice. */
    static final int TOP = 5;

    private static final Set<FailureCategory> SEARCHED = Set.of(FailureCategory.MEMORY_EXECUTOR_OOM,
            FailureCategory.MEMORY_OVERHEAD, FailureCategory.MEMORY_DRIVER, FailureCategory.SERIALIZATION,
            FailureCategory.TIMEOUT);

    private final GuardRails rails;
    private final double successBar;
    private final TeamBudgets budgets;
    private final SuccessEstimator model;
    private final SuccessEstimator heuristic = new HeuristicEstimator();
    private final CostModel cost;
    private final HeuristicTuner steps;

    /**
     * @param model the outcome model, or {@code null} to use the heuristics only
     */
    ConfigSearchReference(GuardRails rails, double successBar, TeamBudgets budgets, SuccessEstimator model,
            CostModel cost) {
        this.rails = Objects.requireNonNull(rails, "rails");
        if (!(successBar > 0 && successBar < 1)) {
            throw new IllegalArgumentException("the success bar must be between 0 and 1, got " + successBar);
        }
        this.successBar = successBar;
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.model = model;
        this.cost = Objects.requireNonNull(cost, "cost");
        this.steps = new HeuristicTuner(rails);
    }

    public TuningChoice choose(TuningRequest request) {
        if (!SEARCHED.contains(request.category()) || !HeuristicEstimator.isSpark(request.engine())
                || request.category() == FailureCategory.SERIALIZATION && !request.failureText().contains("kryo")
                || request.category() == FailureCategory.TIMEOUT && !request.failureText().contains("broadcast")) {
            return ruleSteps(request, "the rule's steps");
        }
        SparkView now;
        try {
            now = SparkView.of(request.config());
        } catch (IllegalArgumentException e) {
            return ruleSteps(request, "the rule's steps (" + e.getMessage() + ")");
        }
        double baseHours = cost.baseHours(request);
        double currentGbHours = CostModel.gbHours(now, baseHours);
        double budget = budgets.maxRetryGbHours(request.owner());
        var scored = new ArrayList<Scored>();
        int overBudget = 0;
        int overRails = 0;
        Map<String, String> companions = companions(request, now, rails.maxStepFactor());
        // first what is cheap to know of every candidate (rails, GB-hours, budget), then the success estimates, which
        // are not: in order of GB-hours, stopping once no further candidate can enter the top of those that clear
        // the bar (a candidate's expected cost is at least its GB-hours x cost.lowerBoundFactor())
        var feasible = new ArrayList<Feasible>();
        for (Map<String, String> own : candidates(request, now)) {
            var overrides = new TreeMap<>(companions); // sorted: candidates are listed and compared by their text
            overrides.putAll(own);
            var mergedConfig = new TreeMap<>(request.config());
            mergedConfig.putAll(overrides);
            SparkView c = SparkView.of(mergedConfig);
            if (!ConfigSearch.withinRails(rails, now, c)) {
                overRails++;
                continue;
            }
            double gbHours = CostModel.gbHours(c, cost.hours(baseHours, now, c));
            if (gbHours > budget) {
                overBudget++;
                continue;
            }
            feasible.add(new Feasible(overrides, gbHours, c.containerMb()));
        }
        feasible.sort(Comparator.comparingDouble(Feasible::gbHours).thenComparingLong(Feasible::containerMb)
                .thenComparing(Feasible::text));
        var modelEstimates = model == null ? null : model.forRequest(request);
        var clearingExpected = new java.util.PriorityQueue<Double>(Comparator.reverseOrder()); // the TOP cheapest
        for (Feasible f : feasible) {
            if (clearingExpected.size() >= TOP && f.gbHours() * cost.lowerBoundFactor() > clearingExpected.peek()) {
                break;
            }
            String estimator = heuristic.name();
            var merged = new TreeMap<>(request.config());
            merged.putAll(f.overrides());
            OptionalDouble p = model == null ? OptionalDouble.empty() : modelEstimates.apply(merged);
            if (p.isPresent()) {
                estimator = model.name();
            } else {
                p = heuristic.estimate(request, merged);
            }
            if (p.isEmpty()) {
                continue;
            }
            double expected = cost.expected(f.gbHours(), p.getAsDouble());
            scored.add(new Scored(f.overrides(), p.getAsDouble(), f.gbHours(), expected, f.containerMb(), estimator));
            if (p.getAsDouble() >= successBar) {
                clearingExpected.add(expected);
                if (clearingExpected.size() > TOP) {
                    clearingExpected.poll();
                }
            }
        }
        if (scored.isEmpty()) {
            String why = overBudget > 0
                    ? "every candidate costs more than the budget of " + (request.owner() == null ? "the team" : request.owner())
                    + " (" + number(budget) + " GB-hours per retry)"
                    : "no candidate within the guard rails (container " + rails.maxContainerMemoryMb() + " MiB, driver "
                    + rails.maxDriverMemoryMb() + " MiB, step x" + number(rails.maxStepFactor()) + ")";
            return new TuningChoice(TuningResult.blocked(why, List.of(overRails + " candidates over the rails, "
                    + overBudget + " over the budget")), null, null, List.of(), "search");
        }
        Comparator<Scored> cheapest = Comparator.comparingDouble(Scored::expected)
                .thenComparingDouble(Scored::containerMb).thenComparing(s -> s.overrides().toString());
        Comparator<Scored> likeliest = Comparator.comparingDouble(Scored::p).reversed().thenComparing(cheapest);
        List<Scored> clearing = scored.stream().filter(s -> s.p() >= successBar).sorted(cheapest).toList();
        List<Scored> ranked = new ArrayList<>(clearing);
        scored.stream().filter(s -> s.p() < successBar).sorted(likeliest).forEach(ranked::add);
        Scored chosen = ranked.get(0);
        var notes = new ArrayList<String>();
        if (clearing.isEmpty()) {
            notes.add("no candidate reaches the success bar of " + number(successBar) + "; the likeliest is taken");
        }
        if (overRails > 0 || overBudget > 0) {
            notes.add(overRails + " candidates over the guard rails" + (overBudget > 0 ? ", " + overBudget
                    + " over the team's budget" : "") + " left out");
        }
        Map<String, ConfigChange> changes = new TreeMap<>();
        chosen.overrides().forEach((k, v) -> changes.put(k, new ConfigChange(request.config().get(k), v)));
        var top = ranked.stream().limit(TOP).map(s -> new ConfigCandidate(s.overrides(), ConfigSearch.round(s.p()),
                ConfigSearch.round(s.gbHours()), ConfigSearch.round(s.expected()), s.estimator())).toList();
        String method = "the cheapest of " + feasible.size() + " candidate configurations likely to succeed ("
                + chosen.estimator() + ", bar " + number(successBar) + ", " + request.lastSuccess()
                .map(o -> "sized from the job's last successful run " + o.runId() + " attempt " + o.attempt())
                .orElse("no history of the job") + "): P(success) " + number(chosen.p()) + ", "
                + number(chosen.gbHours()) + " GB-hours";
        double costChange = currentGbHours > 0 ? chosen.gbHours() / currentGbHours - 1 : 0;
        return new TuningChoice(new TuningResult(changes, notes, null), ConfigSearch.round(chosen.p()),
                ConfigSearch.round(costChange), top, method);
    }

    private TuningChoice ruleSteps(TuningRequest request, String method) {
        return new TuningChoice(steps.apply(request.config(), request.ruleSteps()), null, null, List.of(), method);
    }

    /** Candidate overrides (never empty maps); the rails are checked by the caller. */
    List<Map<String, String>> candidates(TuningRequest request, SparkView now) {
        var out = new LinkedHashSet<Map<String, String>>();
        double step = rails.maxStepFactor();
        switch (request.category()) {
            case MEMORY_EXECUTOR_OOM -> {
                List<Long> heaps = ConfigSearch.grid(now.heapMb(), now.heapMb() * step, true);
                var overheads = new ArrayList<Long>();
                overheads.add(-1L);
                ConfigSearch.grid(now.overheadMb(), now.overheadMb() * step, false).stream().limit(8).forEach(overheads::add);
                var coreOptions = new TreeSet<Integer>(List.of(now.cores(), Math.max(1, now.cores() - 1),
                        Math.max(1, (now.cores() + 1) / 2)));
                var partitionOptions = List.of(now.partitions(), now.partitions() * 2);
                for (int cores : coreOptions) {
                    for (int partitions : partitionOptions) {
                        boolean shape = cores != now.cores() || partitions != now.partitions();
                        for (long heap : heaps) {
                            for (long overhead : shape ? List.of(-1L) : overheads) {
                                var o = new TreeMap<String, String>();
                                put(o, HeuristicTuner.EXECUTOR_MEMORY, heap, now.heapMb());
                                if (overhead > 0) {
                                    o.put(HeuristicTuner.EXECUTOR_OVERHEAD, SparkView.size(overhead));
                                }
                                if (cores != now.cores()) {
                                    o.put(HeuristicTuner.EXECUTOR_CORES, Integer.toString(cores));
                                }
                                if (partitions != now.partitions()) {
                                    o.put(HeuristicTuner.SHUFFLE_PARTITIONS, Integer.toString(partitions));
                                }
                                add(out, o);
                            }
                        }
                    }
                }
            }
            case MEMORY_OVERHEAD -> {
                List<Long> overheads = ConfigSearch.grid(now.overheadMb(), now.overheadMb() * step, false);
                List<Long> heaps = ConfigSearch.grid(now.heapMb(), now.heapMb() * step, true).stream().limit(9).toList();
                for (long heap : heaps) {
                    for (long overhead : overheads) {
                        var o = new TreeMap<String, String>();
                        put(o, HeuristicTuner.EXECUTOR_MEMORY, heap, now.heapMb());
                        o.put(HeuristicTuner.EXECUTOR_OVERHEAD, SparkView.size(overhead));
                        add(out, o);
                    }
                }
            }
            case MEMORY_DRIVER -> {
                boolean resultFailure = request.failureText().contains("maxresultsize") && now.maxResultMb() > 0;
                List<Long> drivers = ConfigSearch.grid(now.driverMb(), now.driverMb() * step, true);
                List<Long> results = resultFailure ? ConfigSearch.grid(now.maxResultMb(), now.maxResultMb() * step, false)
                        : List.of(now.maxResultMb());
                for (long driver : drivers) {
                    for (long result : results) {
                        var o = new TreeMap<String, String>();
                        put(o, HeuristicTuner.DRIVER_MEMORY, driver, now.driverMb());
                        put(o, HeuristicTuner.MAX_RESULT_SIZE, result, now.maxResultMb());
                        add(out, o);
                    }
                }
            }
            case SERIALIZATION -> {
                for (double f : new double[] {1.5, 2.0, 3.0, 4.0}) {
                    long kryo = Math.min(2047, (long) Math.ceil(now.kryoMb() * f));
                    add(out, new TreeMap<>(Map.of(HeuristicTuner.KRYO_BUFFER_MAX, SparkView.size(kryo))));
                }
            }
            case TIMEOUT -> {
                for (double f : new double[] {1.5, 2.0}) {
                    long seconds = (long) Math.ceil(now.broadcastTimeoutSeconds() * f);
                    add(out, new TreeMap<>(Map.of(HeuristicTuner.BROADCAST_TIMEOUT, Long.toString(seconds))));
                }
                add(out, new TreeMap<>(Map.of(SparkView.BROADCAST_THRESHOLD, "-1")));
            }
            default -> {
            }
        }
        return List.copyOf(out);
    }

    /** HeuristicEstimator.companions as it was: the companions as text. */
    static Map<String, String> companions(TuningRequest request, SparkView now, double stepFactor) {
        var out = new TreeMap<String, String>();
        HeuristicEstimator.Beliefs b;
        try {
            b = HeuristicEstimator.beliefs(request, now);
        } catch (IllegalArgumentException e) {
            return out;
        }
        FailureCategory category = request.category();
        if (category != FailureCategory.MEMORY_EXECUTOR_OOM && b.heap() != null && b.heap().lowerBound() == 0) {
            companion(out, HeuristicTuner.EXECUTOR_MEMORY, b.heap(), now.heapMb(), stepFactor);
        }
        if (category != FailureCategory.MEMORY_OVERHEAD && b.offHeap() != null && b.offHeap().lowerBound() == 0) {
            companion(out, HeuristicTuner.EXECUTOR_OVERHEAD, b.offHeap(), now.overheadMb(), stepFactor);
        }
        if (category != FailureCategory.MEMORY_DRIVER) {
            if (b.driver() != null) {
                companion(out, HeuristicTuner.DRIVER_MEMORY, b.driver(), now.driverMb(), stepFactor);
            }
            if (b.result() != null && now.maxResultMb() > 0) {
                companion(out, HeuristicTuner.MAX_RESULT_SIZE, b.result(), now.maxResultMb(), stepFactor);
            }
        }
        return out;
    }

    private static void companion(Map<String, String> out, String key, NeedEstimate need, long current,
            double stepFactor) {
        if (need.fits(current) >= HeuristicEstimator.COMPANION_FIT) {
            return;
        }
        List<Long> values = ConfigSearch.grid(current, current * stepFactor, false);
        for (long v : values) {
            if (need.fits(v) >= HeuristicEstimator.COMPANION_FIT) {
                out.put(key, SparkView.size(v));
                return;
            }
        }
        if (!values.isEmpty()) {
            out.put(key, SparkView.size(values.get(values.size() - 1)));
        }
    }

    private static void add(Set<Map<String, String>> out, Map<String, String> overrides) {
        if (!overrides.isEmpty()) {
            out.add(Map.copyOf(overrides));
        }
    }

    private static void put(Map<String, String> o, String key, long value, long current) {
        if (value != current) {
            o.put(key, SparkView.size(value));
        }
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }

    /** A candidate within the rails and the budget, not yet scored. */
    private static final class Feasible {
        private final Map<String, String> overrides;
        private final double gbHours;
        private final long containerMb;
        private String text; // the overrides as text, made only when a tie needs it

        Feasible(Map<String, String> overrides, double gbHours, long containerMb) {
            this.overrides = overrides;
            this.gbHours = gbHours;
            this.containerMb = containerMb;
        }

        Map<String, String> overrides() {
            return overrides;
        }

        double gbHours() {
            return gbHours;
        }

        long containerMb() {
            return containerMb;
        }

        String text() {
            if (text == null) {
                text = overrides.toString();
            }
            return text;
        }
    }

    private record Scored(Map<String, String> overrides, double p, double gbHours, double expected, long containerMb,
            String estimator) {
    }
}
