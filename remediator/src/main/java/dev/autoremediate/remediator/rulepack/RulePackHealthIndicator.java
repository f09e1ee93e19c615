package dev.autoremediate.remediator.rulepack;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code rulePack} component of {@code /actuator/health}: the serving pack's version and rule count, when it was
 * loaded, the watched directory, and the last rejected candidate's problems ({@code file:line: message}). Always UP:
 * a rejected candidate does not stop the service, the previous pack keeps serving; the details say what is wrong.
 */
public final class RulePackHealthIndicator implements HealthIndicator {

    private final RulePackWatcher watcher;

    public RulePackHealthIndicator(RulePackWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public Health health() {
        RulePackStatus s = watcher.status();
        Health.Builder health = Health.up()
                .withDetail("servingVersion", s.servingVersion())
                .withDetail("rules", s.servingRules())
                .withDetail("source", s.dir() == null ? "bundled" : s.dir().toAbsolutePath().toString())
                .withDetail("loadedAt", s.loadedAt().toString())
                .withDetail("lastCheckAt", s.lastCheckAt() == null ? "never" : s.lastCheckAt().toString());
        if (s.hasError()) {
            health.withDetail("lastError", s.lastError())
                    .withDetail("lastErrorAt", s.lastErrorAt().toString());
            if (s.rejectedVersion() != null) {
                health.withDetail("rejectedVersion", s.rejectedVersion());
            }
        } else {
            health.withDetail("lastError", "none");
        }
        return health.build();
    }
}
