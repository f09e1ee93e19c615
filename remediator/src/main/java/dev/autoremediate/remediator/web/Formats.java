package dev.autoremediate.remediator.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting helpers for the templates ({@code ${fmt.time(x)}}): times in UTC, ratios as percentages. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The last segment of a {@code /}-separated path (the full path goes into a tooltip). */
    public String fileName(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }

    public String percent(Double ratio) {
        return ratio == null ? "—" : Math.round(ratio * 100) + "%";
    }

    public String number(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    public String bytes(Long value) {
        if (value == null) {
            return "—";
        }
        double v = value;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
