package dev.autoremediate.remediator.review;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.ActionType;
import dev.autoremediate.ingest.contract.DecisionStatus;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's series, one point per UTC day:
 * <ul>
 *   <li>remediation success rate: retried runs that then succeeded / those whose outcome is known (SUCCEEDED +
 *       FAILED);</li>
 *   <li>cost saved, in executor-hours: the compute a blind retry of a doomed run would have burned again — for every
 *       decision not to retry (NO_RETRY), the failed attempt's duration × executors (from the event's metrics) — plus,
 *       for every retry that succeeded, the same estimate of the run a human would otherwise have re-run by hand after
 *       a delay (counted once). An estimate from the events' own metrics; decisions without metrics count zero;</li>
 *   <li>decisions per failure category, for the top categories over the period.</li>
 * </ul>
 */
public final class Dashboard {

    /** Decisions read at most for one dashboard. */
    public static final int SCAN_LIMIT = 50_000;

    public record Day(LocalDate date, long decisions, long succeeded, long failed, Double successRate,
            double costSavedExecutorHours, Map<FailureCategory, Long> byCategory) {
    }

    /**
     * @param topCategories    the categories with the most decisions over the period, most first (at most 6)
     * @param totalsByCategory decisions per category over the period
     * @param truncated        whether more decisions than {@link #SCAN_LIMIT} fell in the period
     */
    public record Series(int days, List<Day> series, List<FailureCategory> topCategories,
            Map<FailureCategory, Long> totalsByCategory, long decisions,
            Double successRate, double costSavedExecutorHours, Map<DecisionStatus, Long> byStatus, boolean truncated) {
    }

    private final DecisionQueries queries;
    private final ContractCodec codec;
    private final Clock clock;

    public Dashboard(DecisionQueries queries, ContractCodec codec, Clock clock) {
        this.queries = queries;
        this.codec = codec;
        this.clock = clock;
    }

    public Series lastDays(int days) {
        int n = Math.min(Math.max(1, days), 366);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(n - 1L);
        final class Acc {
            long decisions;
            long succeeded;
            long failed;
            double cost;
            final Map<FailureCategory, Long> byCategory = new EnumMap<>(FailureCategory.class);
        }
        var byDay = new LinkedHashMap<LocalDate, Acc>();
        for (int i = 0; i < n; i++) {
            byDay.put(first.plusDays(i), new Acc());
        }
        List<StoredRow> rows = queries.since(first.atStartOfDay().toInstant(ZoneOffset.UTC), SCAN_LIMIT);
        var totals = new EnumMap<FailureCategory, Long>(FailureCategory.class);
        var byStatus = new EnumMap<DecisionStatus, Long>(DecisionStatus.class);
        for (StoredRow row : rows) {
            var d = row.decision();
            Acc acc = byDay.get(LocalDate.ofInstant(d.decidedAt(), ZoneOffset.UTC));
            if (acc == null) {
                continue;
            }
            acc.decisions++;
            FailureCategory c = d.classification().category();
            acc.byCategory.merge(c, 1L, Long::sum);
            totals.merge(c, 1L, Long::sum);
            byStatus.merge(d.status(), 1L, Long::sum);
            if (d.status() == DecisionStatus.SUCCEEDED) {
                acc.succeeded++;
                acc.cost += executorHours(row.eventJson());
            } else if (d.status() == DecisionStatus.FAILED) {
                acc.failed++;
            }
            if (d.action().type() == ActionType.NO_RETRY) {
                acc.cost += executorHours(row.eventJson());
            }
        }
        var series = new ArrayList<Day>();
        long decisions = 0;
        long succeeded = 0;
        long failed = 0;
        double cost = 0;
        for (var e : byDay.entrySet()) {
            Acc a = e.getValue();
            series.add(new Day(e.getKey(), a.decisions, a.succeeded, a.failed, rate(a.succeeded, a.failed),
                    round(a.cost), Map.copyOf(a.byCategory)));
            decisions += a.decisions;
            succeeded += a.succeeded;
            failed += a.failed;
            cost += a.cost;
        }
        List<FailureCategory> top = totals.entrySet().stream()
                .sorted(Map.Entry.<FailureCategory, Long>comparingByValue().reversed())
                .limit(6).map(Map.Entry::getKey).toList();
        return new Series(n, series, top, Map.copyOf(totals), decisions, rate(succeeded, failed), round(cost), byStatus,
                rows.size() >= SCAN_LIMIT);
    }

    private double executorHours(String eventJson) {
        try {
            FailureEvent e = codec.read(eventJson, FailureEvent.class);
            var m = e.metrics();
            if (m == null || m.durationSeconds() == null) {
                return 0;
            }
            int executors = m.numExecutors() == null || m.numExecutors() < 1 ? 1 : m.numExecutors();
            return m.durationSeconds() * (double) executors / 3600.0;
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private static Double rate(long succeeded, long failed) {
        return succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
