package dev.autoremediate.remediator.approval;

import dev.autoremediate.ingest.contract.FailureCategory;
import java.util.List;
import java.util.Optional;

/** Mode settings, stored; resolves the most specific one (job > team > category). */
public interface ModeStore extends ModeResolver {

    List<ModeSetting> all();

    Optional<ModeSetting> find(ModeScope scope, String key);

    /** Creates or replaces the setting of its scope and key, and audits it, in one transaction. */
    void set(ModeSetting setting);

    /**
     * Removes a setting and audits it, in one transaction.
     *
     * @return the removed setting; empty when there was none (nothing audited)
     */
    Optional<ModeSetting> clear(ModeScope scope, String key, String actor, String comment);

    @Override
    default EffectiveMode modeFor(String jobId, String owner, FailureCategory category) {
        return Optional.ofNullable(jobId).flatMap(j -> find(ModeScope.JOB, j))
                .or(() -> Optional.ofNullable(owner).flatMap(o -> find(ModeScope.TEAM, o)))
                .or(() -> Optional.ofNullable(category).flatMap(c -> find(ModeScope.CATEGORY, c.name())))
                .map(EffectiveMode::of)
                .orElse(EffectiveMode.DEFAULT);
    }
}
