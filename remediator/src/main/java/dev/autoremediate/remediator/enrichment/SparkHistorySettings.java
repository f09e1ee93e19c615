package dev.autoremediate.remediator.enrichment;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Spark History Server is and how long to wait for it.
 *
 * @param url            base URL, e.g. {@code http://shs.example.internal:18080} (the REST API is under
 *                       {@code /api/v1})
 * @param connectTimeout time to open a connection
 * @param timeout        the whole budget for one event (all its requests together); past it the event goes on as it
 *                       was
 * @param cooldown       after a timeout or an unreachable server, no request is made for this long (so an outage
 *                       costs one timeout, not one per event)
 */
public record SparkHistorySettings(URI url, Duration connectTimeout, Duration timeout, Duration cooldown) {

    public SparkHistorySettings {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("the Spark History Server URL must be http or https: " + url);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(timeout, "timeout");
        Objects.requireNonNull(cooldown, "cooldown");
        String text = url.toString();
        url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
