package dev.autoremediate.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Collects the rules that fired in one session (one event). Not thread-safe: one instance per session, cleared between events. A rule whose
 * conditions match in several ways (an {@code or}) is recorded once.
 */
final class FiredRules extends DefaultAgendaEventListener {

    private final Set<String> keys = new LinkedHashSet<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        keys.add(key(event.getMatch().getRule()));
    }

    Set<String> keys() {
        return keys;
    }

    /** Forgets the rules recorded so far, before the session serves the next event. */
    void clear() {
        keys.clear();
    }

    static String key(Rule rule) {
        return rule.getPackageName() + "/" + rule.getName();
    }
}
