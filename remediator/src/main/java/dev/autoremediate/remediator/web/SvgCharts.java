package dev.autoremediate.remediator.web;

import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.remediator.review.Dashboard;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG charts of the dashboard (no JavaScript). Only dates, numbers and category names go into them,
 * never text a user or an event supplied.
 */
final class SvgCharts {

    static final String[] COLOURS = {"#2f6fb3", "#e08a1e", "#3a9d5d", "#b94a48", "#7b5ea7", "#6b7b8c", "#c7a32b"};
    private static final int W = 640;
    private static final int H = 200;
    private static final int LEFT = 44;
    private static final int BOTTOM = 24;
    private static final int TOP = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

    private SvgCharts() {
    }

    /** Success rate per day as a line with dots (days without known outcomes are gaps). */
    static String successRate(Dashboard.Series s) {
        var sb = open("Remediation success rate per day");
        axes(sb, s, 1.0, v -> Math.round(v * 100) + "%");
        List<Dashboard.Day> days = s.series();
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (int i = 0; i < days.size(); i++) {
            Double r = days.get(i).successRate();
            if (r == null) {
                drawing = false;
                continue;
            }
            double x = x(i, days.size());
            double y = y(r, 1.0);
            path.append(drawing ? " L" : " M").append(fmt(x)).append(' ').append(fmt(y));
            drawing = true;
            sb.append("<circle cx='").append(fmt(x)).append("' cy='").append(fmt(y)).append("' r='3' fill='")
                    .append(COLOURS[2]).append("'><title>").append(days.get(i).date()).append(": ")
                    .append(Math.round(r * 100)).append("% of ").append(days.get(i).succeeded() + days.get(i).failed())
                    .append(" retried runs</title></circle>");
        }
        if (!path.isEmpty()) {
            sb.append("<path d='").append(path.toString().strip()).append("' fill='none' stroke='").append(COLOURS[2])
                    .append("' stroke-width='2'/>");
        }
        return close(sb);
    }

    /** Estimated executor-hours saved per day, as bars. */
    static String costSaved(Dashboard.Series s) {
        double max = s.series().stream().mapToDouble(Dashboard.Day::costSavedExecutorHours).max().orElse(0);
        double top = niceMax(max);
        var sb = open("Estimated executor-hours saved per day");
        axes(sb, s, top, v -> fmt(v));
        bars(sb, s, (day, i) -> new double[] {day.costSavedExecutorHours()}, top, new String[] {COLOURS[0]},
                (day, k) -> day.date() + ": " + day.costSavedExecutorHours() + " executor-hours");
        return close(sb);
    }

    /** Decisions per day stacked by the top categories (the rest as "other"). */
    static String categories(Dashboard.Series s) {
        List<FailureCategory> top = s.topCategories();
        double max = s.series().stream().mapToLong(Dashboard.Day::decisions).max().orElse(0);
        double topValue = niceMax(max);
        var sb = open("Decisions per day by failure category");
        axes(sb, s, topValue, v -> String.valueOf(Math.round(v)));
        String[] colours = new String[top.size() + 1];
        for (int k = 0; k <= top.size(); k++) {
            colours[k] = k < top.size() ? COLOURS[k % COLOURS.length] : "#c8ced6";
        }
        bars(sb, s, (day, i) -> {
            double[] v = new double[top.size() + 1];
            long known = 0;
            for (int k = 0; k < top.size(); k++) {
                v[k] = day.byCategory().getOrDefault(top.get(k), 0L);
                known += (long) v[k];
            }
            v[top.size()] = day.decisions() - known;
            return v;
        }, topValue, colours, (day, k) -> day.date() + ": " + (k < top.size() ? top.get(k).name() : "other"));
        return close(sb);
    }

    private interface Values {
        double[] of(Dashboard.Day day, int index);
    }

    private interface Label {
        String of(Dashboard.Day day, int stackIndex);
    }

    private static void bars(StringBuilder sb, Dashboard.Series s, Values values, double top, String[] colours,
            Label label) {
        List<Dashboard.Day> days = s.series();
        double slot = (W - LEFT - 8) / (double) days.size();
        double width = Math.max(2, slot * 0.7);
        for (int i = 0; i < days.size(); i++) {
            double[] v = values.of(days.get(i), i);
            double base = 0;
            for (int k = 0; k < v.length; k++) {
                if (v[k] <= 0) {
                    continue;
                }
                double y0 = y(base, top);
                double y1 = y(base + v[k], top);
                sb.append("<rect x='").append(fmt(x(i, days.size()) - width / 2)).append("' y='").append(fmt(y1))
                        .append("' width='").append(fmt(width)).append("' height='").append(fmt(Math.max(0.5, y0 - y1)))
                        .append("' fill='").append(colours[k]).append("'><title>").append(label.of(days.get(i), k))
                        .append(v.length > 1 ? " " + Math.round(v[k]) : "").append("</title></rect>");
                base += v[k];
            }
        }
    }

    private static StringBuilder open(String title) {
        return new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + W + " " + H
                + "' role='img' class='chart' aria-label='" + title + "'><title>" + title + "</title>");
    }

    private static String close(StringBuilder sb) {
        return sb.append("</svg>").toString();
    }

    private static void axes(StringBuilder sb, Dashboard.Series s, double top, java.util.function.DoubleFunction<String> tick) {
        for (int t = 0; t <= 4; t++) {
            double v = top * t / 4;
            double y = y(v, top);
            sb.append("<line x1='").append(LEFT).append("' x2='").append(W - 4).append("' y1='").append(fmt(y))
                    .append("' y2='").append(fmt(y)).append("' stroke='#e3e7ec'/>");
            sb.append("<text x='").append(LEFT - 6).append("' y='").append(fmt(y + 4))
                    .append("' text-anchor='end' class='tick'>").append(tick.apply(v)).append("</text>");
        }
        List<Dashboard.Day> days = s.series();
        int every = Math.max(1, (int) Math.ceil(days.size() / 8.0));
        for (int i = 0; i < days.size(); i += every) {
            sb.append("<text x='").append(fmt(x(i, days.size()))).append("' y='").append(H - 6)
                    .append("' text-anchor='middle' class='tick'>").append(DAY.format(days.get(i).date())).append("</text>");
        }
    }

    private static double x(int i, int n) {
        double slot = (W - LEFT - 8) / (double) n;
        return LEFT + slot * (i + 0.5);
    }

    private static double y(double v, double top) {
        double h = H - BOTTOM - TOP;
        return TOP + h - (top <= 0 ? 0 : v / top * h);
    }

    private static double niceMax(double max) {
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 4, 8, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
