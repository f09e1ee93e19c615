package dev.autoremediate.remediator.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks the adapter of a retry from the event's {@code job.scheduler}: an explicit route
 * ({@code autoremediate.scheduler.routes.<scheduler>=<adapter>}) first, else the adapter of the same name when it
 * is configured, else the default adapter. Fails at construction when a route or the default names an adapter that
 * is not configured, so that a typo stops the service at start rather than misrouting retries.
 */
public final class SchedulerRouter {

    private final Map<String, SchedulerClient> adapters;
    private final Map<String, String> routes;
    private final SchedulerClient fallback;

    public SchedulerRouter(List<SchedulerClient> clients, Map<String, String> routes, String defaultAdapter) {
        var byName = new LinkedHashMap<String, SchedulerClient>();
        for (SchedulerClient c : clients) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("two scheduler adapters are named " + c.name());
            }
        }
        this.adapters = Map.copyOf(byName);
        var normalised = new TreeMap<String, String>();
        (routes == null ? Map.<String, String>of() : routes).forEach((scheduler, adapter) -> {
            String a = adapter.trim().toLowerCase(Locale.ROOT);
            if (!byName.containsKey(a)) {
                throw new IllegalArgumentException("autoremediate.scheduler.routes." + scheduler + "=" + adapter
                        + " names an adapter that is not configured; configured: " + byName.keySet());
            }
            normalised.put(scheduler.trim().toLowerCase(Locale.ROOT), a);
        });
        this.routes = Map.copyOf(normalised);
        String d = defaultAdapter == null ? "kafka" : defaultAdapter.trim().toLowerCase(Locale.ROOT);
        this.fallback = byName.get(d);
        if (fallback == null) {
            throw new IllegalArgumentException("autoremediate.scheduler.default-adapter=" + defaultAdapter
                    + " is not configured; configured: " + byName.keySet() + " (an HTTP adapter needs its url)");
        }
    }

    /** The adapter for a request. */
    public SchedulerClient clientFor(RetryRequest request) {
        return clientFor(request.schedulerName());
    }

    /** The adapter for a scheduler name (lower case; empty when the event named none). */
    public SchedulerClient clientFor(String scheduler) {
        String route = routes.get(scheduler);
        if (route != null) {
            return adapters.get(route);
        }
        return adapters.getOrDefault(scheduler, fallback);
    }

    /** The adapter every job goes to when it is the only one configured, else null. */
    public SchedulerClient onlyAdapter() {
        return adapters.size() == 1 && adapters.containsValue(fallback) ? fallback : null;
    }

    public Map<String, SchedulerClient> adapters() {
        return adapters;
    }

    @Override
    public String toString() {
        return "adapters " + adapters.keySet() + ", routes " + routes + ", default " + fallback.name();
    }
}
