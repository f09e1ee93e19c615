package dev.autoremediate.tuner;

import dev.autoremediate.ingest.contract.ConfigCandidate;
import dev.autoremediate.ingest.contract.ConfigChange;
import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Picks the configuration of a retry: the candidate with the least expected cost ({@link CostModel}) among those whose
 * estimated success probability reaches the policy's bar, within the guard rails and the team's budget.
 *
 * <h2>Candidates (Spark), by category</h2>
 * <ul>
 *   <li>{@code MEMORY_EXECUTOR_OOM}: executor memory from the current value up to the step rail (every 256 MiB), with
 *       the current overhead or a raised one; the same with one core fewer, half the cores, or twice the shuffle
 *       partitions (which help when the container cap leaves no room).</li>
 *   <li>{@code MEMORY_OVERHEAD}: memory overhead up to the step rail (every 256 MiB), with the current executor memory or
 *       a raised one.</li>
 *   <li>{@code MEMORY_DRIVER}: driver memory up to the step rail; and, when results exceeded
 *       {@code spark.driver.maxResultSize}, that limit up to the step rail too.</li>
 *   <li>{@code SERIALIZATION} (Kryo buffer overflow): {@code spark.kryoserializer.buffer.max} x 1.5 or x 2 (below
 *       2048m).</li>
 *   <li>{@code TIMEOUT} (broadcast): {@code spark.sql.broadcastTimeout} x 1.5 or x 2, or the broadcast join disabled.</li>
 * </ul>
 * Every candidate also carries the <em>companion</em> changes: needs the failure did not implicate but the job's
 * last successful run shows short now (a run reports only the first limit it hits), each raised to the smallest value
 * that fits with 0.98 under the heuristics' belief.
 * Other categories and engines, or a configuration that cannot be read, get the rule's steps through
 * {@link HeuristicTuner} (no search, no prediction).
 *
 * <h2>Success and choice</h2>
 * Each candidate's success probability comes from the model when one is given and it answers, else from
 * {@link HeuristicEstimator}. Rails: executor container &le; {@link GuardRails#maxContainerMemoryMb()}, driver &le;
 * {@link GuardRails#maxDriverMemoryMb()}, no value raised by more than {@link GuardRails#maxStepFactor()}, the retry's
 * GB-hours within the team's {@link TeamBudgets budget}. The choice is the least expected GB-hours among candidates
 * at or above the bar; when none reaches it, the most likely to succeed (and the reason says so). Stateless and
 * thread-safe.
 */
public final class ConfigSearch {

    /** Candidates listed in a choice. */
    public static final int TOP = 5;

    private static final Set<FailureCategory> SEARCHED = Set.of(FailureCategory.MEMORY_EXECUTOR_OOM,
            FailureCategory.MEMORY_OVERHEAD, FailureCategory.MEMORY_DRIVER, FailureCategory.SERIALIZATION,
            FailureCategory.TIMEOUT);

    private final GuardRails rails;
    private final double successBar;
    private final String successBarText; // as the explanations write it
    private final TeamBudgets budgets;
    private final SuccessEstimator model;
    private final SuccessEstimator heuristic = new HeuristicEstimator();
    private final CostModel cost;
    private final HeuristicTuner steps;

    /**
     * @param model the outcome model, or {@code null} to use the heuristics only
     */
    public ConfigSearch(GuardRails rails, double successBar, TeamBudgets budgets, SuccessEstimator model,
            CostModel cost) {
        this.rails = Objects.requireNonNull(rails, "rails");
        if (!(successBar > 0 && successBar < 1)) {
            throw new IllegalArgumentException("the success bar must be between 0 and 1, got " + successBar);
        }
        this.successBar = successBar;
        this.successBarText = number(successBar);
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.model = model;
        this.cost = Objects.requireNonNull(cost, "cost");
        this.steps = new HeuristicTuner(rails);
    }

    public ConfigSearch(GuardRails rails, double successBar) {
        this(rails, successBar, TeamBudgets.UNLIMITED, null, CostModel.DEFAULT);
    }

    public double successBar() {
        return successBar;
    }

    /** The name of the model in use, or {@code null}. */
    public String modelName() {
        return model == null ? null : model.name();
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
        long[] companions = HeuristicEstimator.companions(request, now, rails.maxStepFactor());
        // first what is cheap to know of every candidate (rails, GB-hours, budget), then the success estimates, which
        // are not: in order of GB-hours, stopping once no further candidate can enter the top of those that clear
        // the bar (a candidate's expected cost is at least its GB-hours x cost.lowerBoundFactor())
        var feasible = new ArrayList<Feasible>();
        for (long[] changes : candidates(request, now, companions)) {
            var candidate = new SparkCandidate(request.config(), now, changes);
            SparkView c = candidate.view();
            if (!withinRails(rails, now, c)) {
                overRails++;
                continue;
            }
            double gbHours = CostModel.gbHours(c, cost.hours(baseHours, now, c));
            if (gbHours > budget) {
                overBudget++;
                continue;
            }
            feasible.add(new Feasible(candidate, gbHours, c.containerMb()));
        }
        // taken cheapest first (by GB-hours, container, text) from a heap: the loop below stops after a few, so most
        // candidates are never put in order, nor their text written
        var cheapestFirst = new PriorityQueue<>(feasible);
        String modelName = model == null ? null : model.name();
        Function<SparkCandidate, OptionalDouble> modelEstimates = model == null ? null : model.forCandidates(request);
        Function<SparkCandidate, OptionalDouble> heuristicEstimates = null; // made when the model is silent
        var clearingExpected = new PriorityQueue<Double>(Comparator.reverseOrder()); // the TOP cheapest
        while (!cheapestFirst.isEmpty()) {
            Feasible f = cheapestFirst.poll();
            if (clearingExpected.size() >= TOP && f.gbHours() * cost.lowerBoundFactor() > clearingExpected.peek()) {
                break;
            }
            String estimator = heuristic.name();
            OptionalDouble p = model == null ? OptionalDouble.empty() : modelEstimates.apply(f.candidate());
            if (p.isPresent()) {
                estimator = modelName;
            } else {
                if (heuristicEstimates == null) {
                    heuristicEstimates = heuristic.forCandidates(request);
                }
                p = heuristicEstimates.apply(f.candidate());
            }
            if (p.isEmpty()) {
                continue;
            }
            double expected = cost.expected(f.gbHours(), p.getAsDouble());
            scored.add(new Scored(f.candidate(), p.getAsDouble(), f.gbHours(), expected, f.containerMb(), estimator));
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
                .thenComparingDouble(Scored::containerMb).thenComparing(s -> s.candidate().text());
        Comparator<Scored> likeliest = Comparator.comparingDouble(Scored::p).reversed().thenComparing(cheapest);
        List<Scored> clearing = scored.stream().filter(s -> s.p() >= successBar).sorted(cheapest).toList();
        List<Scored> ranked = new ArrayList<>(clearing);
        scored.stream().filter(s -> s.p() < successBar).sorted(likeliest).forEach(ranked::add);
        Scored chosen = ranked.get(0);
        var notes = new ArrayList<String>();
        if (clearing.isEmpty()) {
            notes.add("no candidate reaches the success bar of " + successBarText + "; the likeliest is taken");
        }
        if (overRails > 0 || overBudget > 0) {
            notes.add(overRails + " candidates over the guard rails" + (overBudget > 0 ? ", " + overBudget
                    + " over the team's budget" : "") + " left out");
        }
        Map<String, ConfigChange> changes = new TreeMap<>();
        chosen.candidate().overrides().forEach((k, v) -> changes.put(k, new ConfigChange(request.config().get(k), v)));
        var top = ranked.stream().limit(TOP).map(s -> new ConfigCandidate(s.candidate().overrides(), round(s.p()),
                round(s.gbHours()), round(s.expected()), s.estimator())).toList();
        String method = "the cheapest of " + feasible.size() + " candidate configurations likely to succeed ("
                + chosen.estimator() + ", bar " + successBarText + ", " + request.lastSuccess()
                .map(o -> "sized from the job's last successful run " + o.runId() + " attempt " + o.attempt())
                .orElse("no history of the job") + "): P(success) " + number(chosen.p()) + ", "
                + number(chosen.gbHours()) + " GB-hours";
        double costChange = currentGbHours > 0 ? chosen.gbHours() / currentGbHours - 1 : 0;
        return new TuningChoice(new TuningResult(changes, notes, null), round(chosen.p()), round(costChange), top, method);
    }

    private TuningChoice ruleSteps(TuningRequest request, String method) {
        return new TuningChoice(steps.apply(request.config(), request.ruleSteps()), null, null, List.of(), method);
    }

    static boolean withinRails(GuardRails rails, SparkView now, SparkView c) {
        double step = rails.maxStepFactor() + 1e-9;
        return c.containerMb() <= rails.maxContainerMemoryMb()
                && (c.driverMb() <= rails.maxDriverMemoryMb() || c.driverMb() <= now.driverMb())
                && c.heapMb() <= Math.max(now.heapMb(), now.heapMb() * step)
                && c.overheadMb() <= Math.max(now.overheadMb(), now.overheadMb() * step)
                && c.driverMb() <= Math.max(now.driverMb(), now.driverMb() * step)
                && (c.maxResultMb() == 0 || c.maxResultMb() <= Math.max(now.maxResultMb(), now.maxResultMb() * step))
                && c.kryoMb() < 2048
                && c.partitions() <= now.partitions() * step;
    }

    /**
     * The candidates' changes (by {@link SparkCandidate.Setting} ordinal): each its own changes, never none, over the
     * companions; the rails are checked by the caller. Each grid gives distinct changes by construction (a value equal
     * to the current one is left out, every other value differs); the Kryo and timeout factors can meet at a cap, and
     * those lists keep the first of equal changes.
     */
    List<long[]> candidates(TuningRequest request, SparkView now, long[] companions) {
        var out = new ArrayList<long[]>();
        double step = rails.maxStepFactor();
        switch (request.category()) {
            case MEMORY_EXECUTOR_OOM -> {
                List<Long> heaps = grid(now.heapMb(), now.heapMb() * step, true);
                var overheads = new ArrayList<Long>();
                overheads.add(-1L);
                grid(now.overheadMb(), now.overheadMb() * step, false).stream().limit(8).forEach(overheads::add);
                var coreOptions = new TreeSet<Integer>(List.of(now.cores(), Math.max(1, now.cores() - 1),
                        Math.max(1, (now.cores() + 1) / 2)));
                var partitionOptions = List.of(now.partitions(), now.partitions() * 2);
                for (int cores : coreOptions) {
                    for (int partitions : partitionOptions) {
                        boolean shape = cores != now.cores() || partitions != now.partitions();
                        for (long heap : heaps) {
                            for (long overhead : shape ? List.of(-1L) : overheads) {
                                if (!shape && heap == now.heapMb() && overhead <= 0) {
                                    continue; // no change of its own
                                }
                                long[] o = companions.clone();
                                put(o, SparkCandidate.Setting.EXECUTOR_MEMORY, heap, now.heapMb());
                                if (overhead > 0) {
                                    o[SparkCandidate.Setting.EXECUTOR_OVERHEAD.ordinal()] = overhead;
                                }
                                put(o, SparkCandidate.Setting.EXECUTOR_CORES, cores, now.cores());
                                put(o, SparkCandidate.Setting.SHUFFLE_PARTITIONS, partitions, now.partitions());
                                out.add(o);
                            }
                        }
                    }
                }
            }
            case MEMORY_OVERHEAD -> {
                List<Long> overheads = grid(now.overheadMb(), now.overheadMb() * step, false);
                List<Long> heaps = grid(now.heapMb(), now.heapMb() * step, true).stream().limit(9).toList();
                for (long heap : heaps) {
                    for (long overhead : overheads) {
                        long[] o = companions.clone();
                        put(o, SparkCandidate.Setting.EXECUTOR_MEMORY, heap, now.heapMb());
                        o[SparkCandidate.Setting.EXECUTOR_OVERHEAD.ordinal()] = overhead;
                        out.add(o);
                    }
                }
            }
            case MEMORY_DRIVER -> {
                boolean resultFailure = request.failureText().contains("maxresultsize") && now.maxResultMb() > 0;
                List<Long> drivers = grid(now.driverMb(), now.driverMb() * step, true);
                List<Long> results = resultFailure ? grid(now.maxResultMb(), now.maxResultMb() * step, false)
                        : List.of(now.maxResultMb());
                for (long driver : drivers) {
                    for (long result : results) {
                        if (driver == now.driverMb() && result == now.maxResultMb()) {
                            continue; // no change of its own
                        }
                        long[] o = companions.clone();
                        put(o, SparkCandidate.Setting.DRIVER_MEMORY, driver, now.driverMb());
                        put(o, SparkCandidate.Setting.MAX_RESULT_SIZE, result, now.maxResultMb());
                        out.add(o);
                    }
                }
            }
            case SERIALIZATION -> {
                for (double f : new double[] {1.5, 2.0, 3.0, 4.0}) {
                    long kryo = Math.min(2047, (long) Math.ceil(now.kryoMb() * f));
                    addDistinct(out, companions, SparkCandidate.Setting.KRYO_BUFFER_MAX, kryo);
                }
            }
            case TIMEOUT -> {
                for (double f : new double[] {1.5, 2.0}) {
                    long seconds = (long) Math.ceil(now.broadcastTimeoutSeconds() * f);
                    addDistinct(out, companions, SparkCandidate.Setting.BROADCAST_TIMEOUT, seconds);
                }
                addDistinct(out, companions, SparkCandidate.Setting.BROADCAST_THRESHOLD, -1);
            }
            default -> {
            }
        }
        return out;
    }

    /** Adds the companions with {@code setting} changed to {@code value}, unless the same changes are there already. */
    private static void addDistinct(List<long[]> out, long[] companions, SparkCandidate.Setting setting, long value) {
        long[] o = companions.clone();
        o[setting.ordinal()] = value;
        for (long[] other : out) {
            if (Arrays.equals(other, o)) {
                return;
            }
        }
        out.add(o);
    }

    /** Changes {@code setting} to {@code value} when that is not its current value. */
    private static void put(long[] changes, SparkCandidate.Setting setting, long value, long current) {
        if (value != current) {
            changes[setting.ordinal()] = value;
        }
    }

    /**
     * The current value (when {@code includeCurrent}) and every value above it up to {@code max}: multiples of 256 MiB
     * from 1 GiB, of 64 MiB from 256 MiB, steps of a quarter of the value below.
     */
    static List<Long> grid(long current, double max, boolean includeCurrent) {
        var values = new ArrayList<Long>();
        if (includeCurrent) {
            values.add(current);
        }
        long v = current;
        while (true) {
            // tiny limits (a 1m maxResultSize) step by a quarter of themselves, so a x2 rail still leaves candidates
            long unit = v >= 1024 ? 256 : v >= 256 ? 64 : Math.max(1, v / 4);
            v = (v / unit + 1) * unit;
            if (v > max + 1e-9) {
                break;
            }
            values.add(v);
        }
        return values;
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    /**
     * Three significant digits, as {@code String.format(Locale.ROOT, "%.3g", x)} writes them. {@link Locale#US} gives
     * the same text ('0' digits, '.' separator, no grouping) and takes {@link java.util.Formatter}'s path that looks up
     * no {@code DecimalFormatSymbols} (ConfigSearchTest compares the two).
     */
    static String number(double x) {
        return String.format(Locale.US, "%.3g", x);
    }

    /**
     * A candidate within the rails and the budget, not yet scored; ordered by GB-hours, then container, then the text
     * of its changes.
     */
    private record Feasible(SparkCandidate candidate, double gbHours, long containerMb) implements Comparable<Feasible> {

        @Override
        public int compareTo(Feasible other) {
            int c = Double.compare(gbHours, other.gbHours);
            if (c == 0) {
                c = Long.compare(containerMb, other.containerMb);
            }
            return c != 0 ? c : candidate.text().compareTo(other.candidate.text());
        }
    }

    private record Scored(SparkCandidate candidate, double p, double gbHours, double expected, long containerMb,
            String estimator) {
    }
}
